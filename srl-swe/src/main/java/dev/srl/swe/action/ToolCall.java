package dev.srl.swe.action;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One agent tool call in canonical form: a canonical tool name ({@link ToolNames#canonical}) and its
 * parameters as strings, kept in the tool's fixed parameter order ({@link ToolNames#parameterOrder}).
 * Two calls that mean the same thing therefore render to the same {@link #canonical() string},
 * whichever agent format they came from.
 *
 * <pre>{@code
 * ToolCall c = ToolCall.bash("ls /testbed");
 * String s = c.canonical();            // "<function=bash>\n<parameter=command>ls /testbed</parameter>\n</function>"
 * ToolCall back = CanonicalAction.parse(s);   // equals c
 * }</pre>
 *
 * @param name   the canonical tool name, e.g. {@code bash}, {@code str_replace_editor}, {@code submit}
 * @param params parameter values in canonical order (an unmodifiable copy; never null values)
 */
public record ToolCall(String name, Map<String, String> params) {

    public ToolCall {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.contains(">") || name.contains("\n")) {
            throw new IllegalArgumentException("bad tool name '" + name + "'");
        }
        name = ToolNames.canonical(name);
        params = ordered(name, params == null ? Map.of() : params);
    }

    /** A {@code bash} call. */
    public static ToolCall bash(String command) {
        return new ToolCall("bash", Map.of("command", command));
    }

    /** A {@code str_replace_editor} call; {@code kv} alternates names and values, e.g. {@code "path", "/testbed/a.py"}. */
    public static ToolCall editor(String command, String... kv) {
        if (kv.length % 2 != 0) throw new IllegalArgumentException("names and values must alternate");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("command", command);
        for (int i = 0; i < kv.length; i += 2) p.put(kv[i], kv[i + 1]);
        return new ToolCall("str_replace_editor", p);
    }

    /** The {@code submit} call that ends an episode. */
    public static ToolCall submit() {
        return new ToolCall("submit", Map.of());
    }

    /** A parameter's value or {@code null}. */
    public String param(String key) {
        return params.get(key);
    }

    /** The canonical action string ({@link CanonicalAction#render}). */
    public String canonical() {
        return CanonicalAction.render(this);
    }

    private static Map<String, String> ordered(String tool, Map<String, String> in) {
        List<String> fixed = ToolNames.parameterOrder(tool);
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        for (String k : fixed) {
            String v = in.get(k);
            if (v != null) out.put(k, v);
        }
        if (!ToolNames.hasFixedParameters(tool)) {
            List<String> rest = new ArrayList<>(in.keySet());
            Collections.sort(rest);
            for (String k : rest) {
                if (out.containsKey(k)) continue;
                if (k == null || k.isBlank() || k.contains(">") || k.contains("\n")) {
                    throw new IllegalArgumentException("bad parameter name '" + k + "'");
                }
                String v = in.get(k);
                if (v != null) out.put(k, v);
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
