package dev.srl.swe.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an SWE-agent command string (the {@code action} of a {@code .traj} step, the fenced block of a
 * SWE-smith {@code ticks} or nebius turn) into a {@link ToolCall}:
 * <ul>
 *   <li>{@code str_replace_editor view /testbed/a.py --view_range 1 20} (shell-quoted, as SWE-agent writes its
 *       editor invocations) becomes a {@code str_replace_editor} call: the first two words are {@code command}
 *       and {@code path}, then {@code --key value} pairs; {@code view_range} takes the following numbers and
 *       is written {@code [1, 20]}, as the XML form has it;</li>
 *   <li>{@code submit} becomes {@code submit};</li>
 *   <li>anything else is a shell command: {@code bash} with the whole text as {@code command} (this includes
 *       SWE-agent 0.x commands such as {@code open}, {@code edit 10:12} or {@code search_dir}, which were shell
 *       functions).</li>
 * </ul>
 *
 * <pre>{@code
 * ToolCall c = CommandLineAction.parse("str_replace_editor str_replace /testbed/a.py --old_str 'x = 1' --new_str 'x = 2'");
 * c.param("old_str");   // "x = 1"
 * }</pre>
 */
public final class CommandLineAction {
    private CommandLineAction() {
    }

    /**
     * The tool call of {@code command}.
     *
     * @throws IllegalArgumentException for an empty command or a malformed editor invocation
     */
    public static ToolCall parse(String command) {
        String t = command.strip();
        if (t.isEmpty()) throw new IllegalArgumentException("empty command");
        if (t.equals("submit")) return ToolCall.submit();
        if (t.startsWith("<function=")) return CanonicalAction.parse(t);
        if (t.startsWith("str_replace_editor ") || t.startsWith("str_replace_editor\t")) return editor(t);
        return ToolCall.bash(t);
    }

    private static ToolCall editor(String t) {
        List<String> words = ShellWords.split(t);
        if (words.size() < 3) throw new IllegalArgumentException("str_replace_editor needs a command and a path: " + t);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("command", words.get(1));
        p.put("path", words.get(2));
        int i = 3;
        while (i < words.size()) {
            String w = words.get(i);
            if (!w.startsWith("--") || w.length() == 2) {
                throw new IllegalArgumentException("str_replace_editor: expected --name, got '" + w + "'");
            }
            String key = w.substring(2);
            i++;
            List<String> values = new ArrayList<>();
            while (i < words.size() && !(words.get(i).startsWith("--") && words.get(i).length() > 2)) values.add(words.get(i++));
            if (values.isEmpty()) throw new IllegalArgumentException("str_replace_editor: --" + key + " has no value");
            String value;
            if (key.equals("view_range") && values.size() > 1) value = "[" + String.join(", ", values) + "]";
            else if (values.size() == 1) value = values.get(0);
            else throw new IllegalArgumentException("str_replace_editor: --" + key + " has " + values.size() + " values");
            p.put(key, value);
        }
        return new ToolCall("str_replace_editor", p);
    }
}
