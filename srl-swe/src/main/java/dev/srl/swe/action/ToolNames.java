package dev.srl.swe.action;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tool names and parameter orders of the canonical action form.
 *
 * <p>Aliases from other agents map onto SWE-agent's tools, so a similarity reward compares like with like:
 * <ul>
 *   <li>{@code execute_bash} (OpenHands, SWE-Gym) → {@code bash}</li>
 *   <li>{@code finish} → {@code submit}</li>
 *   <li>{@code str_replace_based_edit_tool} (Anthropic) → {@code str_replace_editor}</li>
 * </ul>
 * OpenHands event actions ({@code run}, {@code edit}, {@code read}, {@code write}) are mapped by the OpenHands
 * reader, since their arguments differ too.
 *
 * <p>Fixed parameter orders (the order of {@code <parameter=…>} lines in the canonical string):
 * <ul>
 *   <li>{@code bash}: command</li>
 *   <li>{@code str_replace_editor}: command, path, file_text, old_str, new_str, insert_line, view_range</li>
 *   <li>{@code submit}: none</li>
 * </ul>
 * These three tools keep only their own parameters (extras such as OpenHands' {@code is_input} or
 * {@code security_risk} are dropped, since the expert's intent does not depend on them). Any other tool keeps
 * all its parameters in alphabetical order.
 *
 * <pre>{@code
 * ToolNames.canonical("execute_bash");   // "bash"
 * }</pre>
 */
public final class ToolNames {
    private ToolNames() {
    }

    private static final Map<String, String> ALIASES = Map.of(
            "execute_bash", "bash",
            "finish", "submit",
            "str_replace_based_edit_tool", "str_replace_editor");

    private static final Map<String, List<String>> ORDER = Map.of(
            "bash", List.of("command"),
            "str_replace_editor", List.of("command", "path", "file_text", "old_str", "new_str", "insert_line", "view_range"),
            "submit", List.of());

    /** Parameters whose values go on their own lines in the canonical string (they are usually code). */
    public static final Set<String> MULTILINE = Set.of("old_str", "new_str", "file_text");

    /** The canonical name of {@code name} (itself when it has no alias). */
    public static String canonical(String name) {
        return ALIASES.getOrDefault(name, name);
    }

    /** The fixed parameter order of a canonical tool, or an empty list. */
    public static List<String> parameterOrder(String tool) {
        return ORDER.getOrDefault(tool, List.of());
    }

    /** Whether {@code tool} keeps only its fixed parameters. */
    public static boolean hasFixedParameters(String tool) {
        return ORDER.containsKey(tool);
    }
}
