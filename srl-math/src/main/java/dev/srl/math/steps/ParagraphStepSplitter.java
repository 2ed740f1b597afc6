package dev.srl.math.steps;

import dev.srl.core.data.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The fallback splitter: every blank-line separated paragraph is one step, with no title and no preamble.
 * Useful for solutions that are not numbered (e.g. the {@code solution} column of s1K); a text with fewer
 * than two paragraphs is rejected.
 *
 * <pre>{@code
 * StepSplit s = new ParagraphStepSplitter().split("First we add.\n\nThen we divide.");  // 2 steps
 * }</pre>
 */
public final class ParagraphStepSplitter implements StepSplitter {
    private static final Pattern BREAK = Pattern.compile("\\n[ \\t]*\\n");

    @Override
    public String name() {
        return "paragraph";
    }

    @Override
    public StepSplit split(String solution) {
        List<Step> steps = new ArrayList<>();
        for (String p : BREAK.split(solution.replace("\r\n", "\n"))) {
            String s = p.strip();
            if (!s.isEmpty()) steps.add(Step.of(s));
        }
        if (steps.size() < 2) return StepSplit.rejected("fewer than 2 paragraphs (found " + steps.size() + ")");
        return StepSplit.of("", steps);
    }
}
