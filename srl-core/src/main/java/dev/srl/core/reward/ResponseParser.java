package dev.srl.core.reward;

/**
 * Splits an SRL response into its inner monologue and its action, and decides whether its format is broken
 * (a broken format scores −1 in {@link StepSimilarityReward}).
 *
 * <h2>The format</h2>
 * <pre>
 *   [whitespace] &lt;think&gt; thought &lt;/think&gt; action
 *   [whitespace] &lt;think&gt; thought &lt;/think&gt; [whitespace] &lt;solution&gt; action &lt;/solution&gt; [whitespace]
 * </pre>
 * The paper's system prompt asks for {@code <think>…</think>} followed by the step; its Figure 3 (and
 * SWE-RL's prompt, which SRL's follows) wraps the step in {@code <solution>…</solution>}. Both are accepted.
 * Tags are matched exactly, in lower case and without attributes or inner spaces ({@code <Think>} and
 * {@code <think >} are plain text).
 *
 * <h2>Broken formats</h2>
 * The format is broken, and {@link ParsedResponse#problem()} says which rule failed, when
 * <ul>
 *   <li>there is no {@code <think>} ({@code "missing <think>"});</li>
 *   <li>anything other than whitespace comes before {@code <think>} ({@code "text before <think>"}),
 *       a stray {@code </think>} included;</li>
 *   <li>{@code <think>} is never closed ({@code "unclosed <think>"});</li>
 *   <li>a second {@code <think>} opens inside the first ({@code "nested <think>"});</li>
 *   <li>a {@code <think>} or {@code </think>} appears after the think block
 *       ({@code "more than one think block"}, {@code "stray </think>"});</li>
 *   <li>{@code </solution>} appears without {@code <solution>} ({@code "</solution> without <solution>"});</li>
 *   <li>{@code <solution>} is never closed ({@code "unclosed <solution>"}), or opens again inside itself
 *       ({@code "nested <solution>"});</li>
 *   <li>the wrapper is used and text other than whitespace stands outside it, before it
 *       ({@code "text outside <solution>"}) or after it, a second wrapper included
 *       ({@code "text after </solution>"});</li>
 *   <li>the action is empty after stripping ({@code "empty action"}).</li>
 * </ul>
 *
 * An empty monologue ({@code <think></think>}) is allowed: only the action is scored.
 *
 * <h2>Whitespace</h2>
 * {@code \r\n} becomes {@code \n} first (a response from a Windows-style client must not lose similarity
 * for invisible carriage returns). The thought and the action are then stripped of leading and trailing
 * whitespace, using Python's {@code str.isspace()} set so that a Python pipeline's {@code .strip()} gives the
 * same action. Whitespace inside the action is kept as written: difflib sees every character, and
 * changing spaces or newlines would change which actions count as equal to the expert's.
 *
 * <p>Some chat templates end the prompt with {@code <think>} so that the response starts inside the
 * monologue; {@link #ResponseParser(boolean) new ResponseParser(true)} reads such responses as if the
 * {@code <think>} were written by the model.
 *
 * <pre>{@code
 * var parser = new ResponseParser();
 * parser.parse("<think>coprime means gcd 1</think><solution>2. **Get Coprime Pairs**: (1, 4), (2, 3)</solution>")
 *       .action();                                  // "2. **Get Coprime Pairs**: (1, 4), (2, 3)"
 * parser.parse("2. **Get Coprime Pairs**").problem();  // "missing <think>"
 * }</pre>
 */
public final class ResponseParser {
    static final String THINK = "<think>";
    static final String END_THINK = "</think>";
    static final String SOLUTION = "<solution>";
    static final String END_SOLUTION = "</solution>";

    private final boolean promptOpensThink;

    /** The parser for responses that write their own {@code <think>}. */
    public ResponseParser() {
        this(false);
    }

    /**
     * @param promptOpensThink true when the prompt already ends with {@code <think>}, so the response begins
     *                         with the monologue itself
     */
    public ResponseParser(boolean promptOpensThink) {
        this.promptOpensThink = promptOpensThink;
    }

    /** Parses one response; never throws for any string. */
    public ParsedResponse parse(String response) {
        String text = response.replace("\r\n", "\n");
        if (promptOpensThink) text = THINK + text;

        int open = text.indexOf(THINK);
        if (open < 0) return ParsedResponse.broken("missing <think>");
        if (!isBlank(text, 0, open)) return ParsedResponse.broken("text before <think>");
        int thoughtStart = open + THINK.length();
        int close = text.indexOf(END_THINK, thoughtStart);
        int reopen = text.indexOf(THINK, thoughtStart);
        if (reopen >= 0 && (close < 0 || reopen < close)) return ParsedResponse.broken("nested <think>");
        if (close < 0) return ParsedResponse.broken("unclosed <think>");
        String thought = strip(text.substring(thoughtStart, close));

        String tail = text.substring(close + END_THINK.length());
        if (tail.contains(THINK)) return ParsedResponse.broken("more than one think block");
        if (tail.contains(END_THINK)) return ParsedResponse.broken("stray </think>");

        String action;
        int sol = tail.indexOf(SOLUTION);
        int endSol = tail.indexOf(END_SOLUTION);
        if (sol < 0 && endSol < 0) {
            action = tail;
        } else {
            if (sol < 0 || (endSol >= 0 && endSol < sol)) return ParsedResponse.broken("</solution> without <solution>");
            if (!isBlank(tail, 0, sol)) return ParsedResponse.broken("text outside <solution>");
            int inner = sol + SOLUTION.length();
            endSol = tail.indexOf(END_SOLUTION, inner);
            int again = tail.indexOf(SOLUTION, inner);
            if (again >= 0 && (endSol < 0 || again < endSol)) return ParsedResponse.broken("nested <solution>");
            if (endSol < 0) return ParsedResponse.broken("unclosed <solution>");
            if (!isBlank(tail, endSol + END_SOLUTION.length(), tail.length())) {
                return ParsedResponse.broken("text after </solution>");
            }
            action = tail.substring(inner, endSol);
        }
        action = strip(action);
        if (action.isEmpty()) return ParsedResponse.broken("empty action");
        return ParsedResponse.ok(thought, action);
    }

    /**
     * {@code s} without leading and trailing whitespace as Python's {@code str.strip()} sees it (which, unlike
     * {@link String#strip()}, includes U+00A0, U+2007, U+202F and U+0085).
     */
    public static String strip(String s) {
        int from = 0, to = s.length();
        while (from < to && isSpace(s.charAt(from))) from++;
        while (to > from && isSpace(s.charAt(to - 1))) to--;
        return s.substring(from, to);
    }

    /** Python's {@code str.isspace()} for one character (every such character is in the BMP). */
    static boolean isSpace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', '\u001C', '\u001D', '\u001E', '\u001F', ' ',
                 '\u0085', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F', '\u205F', '\u3000' -> true;
            default -> c >= '\u2000' && c <= '\u200A';
        };
    }

    private static boolean isBlank(String s, int from, int to) {
        for (int k = from; k < to; k++) if (!isSpace(s.charAt(k))) return false;
        return true;
    }
}
