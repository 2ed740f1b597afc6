package dev.srl.core.reward;

/**
 * A model response split by {@link ResponseParser} into its inner monologue and its action.
 *
 * <pre>{@code
 * ParsedResponse p = new ResponseParser().parse("<think>add them</think> 3 + 4 = 7");
 * p.formatOk();   // true
 * p.action();     // "3 + 4 = 7"
 * }</pre>
 *
 * @param thought  the text inside {@code <think>…</think>}, stripped; empty when the format is broken
 * @param action   the action, stripped (the content of {@code <solution>…</solution>} when that wrapper is
 *                 used); empty when the format is broken
 * @param formatOk whether the response follows the format
 * @param problem  what is wrong with the format, e.g. {@code "unclosed <think>"}; {@code null} when it is fine
 */
public record ParsedResponse(String thought, String action, boolean formatOk, String problem) {

    public ParsedResponse {
        if (formatOk == (problem != null)) throw new IllegalArgumentException("a problem exactly when the format is broken");
        if (thought == null || action == null) throw new IllegalArgumentException("thought and action are never null");
    }

    /** A response in the right format. */
    public static ParsedResponse ok(String thought, String action) {
        return new ParsedResponse(thought, action, true, null);
    }

    /** A response whose format is broken, for the reason given. */
    public static ParsedResponse broken(String problem) {
        return new ParsedResponse("", "", false, problem);
    }
}
