package dev.srl.swe.format;

/**
 * How an assistant message carries its action; the three SWE-smith splits.
 * <ul>
 *   <li>{@link #XML}: {@code <function=NAME><parameter=…>…</function>} in the text, reasoning before it;</li>
 *   <li>{@link #TOOL}: OpenAI {@code tool_calls} with JSON arguments, results in {@code tool} messages;</li>
 *   <li>{@link #TICKS}: the command in the last fenced code block, reasoning before it;</li>
 *   <li>{@link #AUTO}: decided per trajectory: {@code TOOL} if any assistant message has tool calls, else
 *       {@code XML} if any has a {@code <function=} block, else {@code TICKS}.</li>
 * </ul>
 */
public enum ActionStyle {
    AUTO, XML, TOOL, TICKS;

    /** Parses a command-line value such as {@code xml} (case-insensitive). */
    public static ActionStyle of(String name) {
        try {
            return valueOf(name.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown action style '" + name + "' (expected auto, xml, tool or ticks)");
        }
    }
}
