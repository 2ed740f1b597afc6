package dev.srl.math.steps;

import dev.srl.core.data.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits solutions written as numbered steps with bold titles, the layout of the DeepSeek-R1 attempts in
 * s1K-1.1 and of the paper's rewritten solutions:
 * <pre>
 * Given ..., we need to ...              &lt;- preamble (context, never a target)
 *
 * 1. **Prime Factorization of 20!**:     &lt;- step 1, title "Prime Factorization of 20!"
 *    - The prime factors of 20! are ...
 *
 * 2. **Coprime Pairs**:                  &lt;- step 2 ...
 *    - ...
 *
 * Thus, the number ... is \(\boxed{128}\).   &lt;- conclusion
 * </pre>
 *
 * <p>A step starts at a line that begins, in column 0, with {@code N. **Title**} (an optional colon after the
 * bold title or inside it). Indented numbered lines are sub-items of a step, not steps. A step's action is its
 * whole text including the {@code N. **Title**} header, because the paper's model writes the header too
 * (Figure 3: "2. Get Coprime Pairs: ..."); the title alone is kept in {@link Step#title()} for the
 * title-hint variant (footnote 1).
 *
 * <p>A text with fewer than {@link #MIN_STEPS} steps, or whose numbers are not exactly 1, 2, ..., N in
 * order, is rejected: the paper excludes such items rather than guessing at their structure.
 *
 * <p>The concluding paragraph (the "Thus ... \boxed{...}" sentence after the last step) is, by default,
 * part of the last step ({@link Conclusion#ATTACH_TO_LAST}): the last step is where the answer is
 * produced, and a separate step holding only a restatement would be an easy, uninformative target. With
 * {@link Conclusion#OWN_STEP} it becomes a final untitled step. The conclusion is the last paragraph after
 * the last step's header when it starts in column 0 and is not a bullet or display math.
 *
 * <pre>{@code
 * StepSplit s = new NumberedStepSplitter(NumberedStepSplitter.Conclusion.OWN_STEP).split(attempt);
 * }</pre>
 */
public final class NumberedStepSplitter implements StepSplitter {

    /** Where the concluding sentence goes. */
    public enum Conclusion { ATTACH_TO_LAST, OWN_STEP }

    /** Fewer numbered steps than this and the text is excluded (one step gives no SRL instance with context). */
    public static final int MIN_STEPS = 2;

    private static final Pattern HEADER = Pattern.compile("(?m)^(\\d+)\\.[ \\t]+\\*\\*(.+?)\\*\\*");
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]*\\n");

    private final Conclusion conclusion;

    /** A splitter that attaches the conclusion to the last step. */
    public NumberedStepSplitter() {
        this(Conclusion.ATTACH_TO_LAST);
    }

    public NumberedStepSplitter(Conclusion conclusion) {
        this.conclusion = conclusion;
    }

    @Override
    public String name() {
        return "numbered";
    }

    @Override
    public StepSplit split(String solution) {
        String text = solution.replace("\r\n", "\n");
        Matcher m = HEADER.matcher(text);
        List<Integer> starts = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        while (m.find()) {
            starts.add(m.start());
            numbers.add(parseNumber(m.group(1)));
            titles.add(cleanTitle(m.group(2)));
        }
        if (starts.size() < MIN_STEPS) {
            return StepSplit.rejected("fewer than " + MIN_STEPS + " numbered steps (found " + starts.size() + ")");
        }
        for (int i = 0; i < numbers.size(); i++) {
            if (numbers.get(i) != i + 1) {
                return StepSplit.rejected("steps are numbered " + numbers + ", not 1.." + numbers.size());
            }
        }
        String preamble = text.substring(0, starts.get(0)).strip();
        if (preamble.equalsIgnoreCase("SOLUTION:")) preamble = ""; // the label of the paper's rewrite template

        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : text.length();
            steps.add(new Step(text.substring(starts.get(i), end).strip(), titles.get(i), null, null));
        }
        if (conclusion == Conclusion.OWN_STEP) {
            Step last = steps.get(steps.size() - 1);
            int cut = conclusionStart(last.action());
            if (cut > 0) {
                steps.set(steps.size() - 1, new Step(last.action().substring(0, cut).strip(), last.title(), null, null));
                steps.add(Step.of(last.action().substring(cut).strip()));
            }
        }
        return StepSplit.of(preamble, steps);
    }

    /** Offset of the concluding paragraph in a last step's text, or -1 if it has none. */
    static int conclusionStart(String lastStep) {
        Matcher m = PARAGRAPH_BREAK.matcher(lastStep);
        int start = -1;
        while (m.find()) start = m.end();
        if (start < 0 || start >= lastStep.length()) return -1;
        String para = lastStep.substring(start);
        char c = para.charAt(0);
        if (Character.isWhitespace(c) || c == '-' || c == '*' || c == '+') return -1;
        if (para.startsWith("\\[") || para.startsWith("$$") || para.startsWith("\\begin")) return -1;
        return start;
    }

    private static int parseNumber(String digits) {
        // Long digit runs cannot be step numbers; treat them as out of order rather than overflow.
        return digits.length() > 6 ? -1 : Integer.parseInt(digits);
    }

    private static String cleanTitle(String raw) {
        String t = raw.strip();
        if (t.endsWith(":")) t = t.substring(0, t.length() - 1).strip();
        return t;
    }
}
