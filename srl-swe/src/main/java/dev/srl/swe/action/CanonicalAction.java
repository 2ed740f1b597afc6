package dev.srl.swe.action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical action string, in SWE-agent's XML function-call form (the form of the SWE-smith {@code xml}
 * trajectories the SRL paper trained on):
 *
 * <pre>
 * &lt;function=str_replace_editor&gt;
 * &lt;parameter=command&gt;str_replace&lt;/parameter&gt;
 * &lt;parameter=path&gt;/testbed/calc.py&lt;/parameter&gt;
 * &lt;parameter=old_str&gt;
 * return a - b
 * &lt;/parameter&gt;
 * &lt;parameter=new_str&gt;
 * return a + b
 * &lt;/parameter&gt;
 * &lt;/function&gt;
 * </pre>
 *
 * Rules: one line {@code <function=NAME>}, then one {@code <parameter=KEY>VALUE</parameter>} per parameter in
 * the tool's fixed order ({@link ToolNames}), then {@code </function>}. Values of {@code old_str}, {@code new_str}
 * and {@code file_text} sit on their own lines (one newline after the opening tag and one before the closing tag,
 * both removed again when parsing); other values are written inline, verbatim. A value cannot contain
 * {@code </parameter>} (it could not be read back), so rendering one is an error.
 *
 * <pre>{@code
 * ToolCall c = CanonicalAction.parse("<function=execute_bash>\n<parameter=command>ls</parameter>\n</function>");
 * c.name();                       // "bash" (alias mapped)
 * CanonicalAction.render(c);      // "<function=bash>\n<parameter=command>ls</parameter>\n</function>"
 * }</pre>
 */
public final class CanonicalAction {
    private CanonicalAction() {
    }

    private static final Pattern FUNCTION = Pattern.compile("<function=([^>\\n]+)>(.*?)</function>", Pattern.DOTALL);
    private static final Pattern PARAMETER = Pattern.compile("<parameter=([^>\\n]+)>(.*?)</parameter>", Pattern.DOTALL);

    /** A function block found in a longer text: the call and where its source text starts and ends. */
    public record Found(ToolCall call, int start, int end) {
    }

    /** Renders {@code call} as the canonical string. */
    public static String render(ToolCall call) {
        StringBuilder s = new StringBuilder("<function=").append(call.name()).append(">\n");
        for (Map.Entry<String, String> p : call.params().entrySet()) {
            String v = p.getValue();
            if (v.contains("</parameter>")) {
                throw new IllegalArgumentException("parameter '" + p.getKey() + "' contains </parameter> and cannot be rendered");
            }
            s.append("<parameter=").append(p.getKey()).append('>');
            if (ToolNames.MULTILINE.contains(p.getKey())) s.append('\n').append(v).append('\n');
            else s.append(v);
            s.append("</parameter>\n");
        }
        return s.append("</function>").toString();
    }

    /**
     * Parses a string that must be exactly one function block (surrounding whitespace allowed), with nothing but
     * parameters inside it. This is the strict form a model's action must have to earn a similarity reward.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static ToolCall parse(String text) {
        String t = text.strip();
        Matcher m = FUNCTION.matcher(t);
        if (!m.find()) throw new IllegalArgumentException("no <function=NAME>...</function> block");
        if (m.start() != 0) throw new IllegalArgumentException("text before the <function=...> block");
        if (m.end() != t.length()) {
            throw new IllegalArgumentException(t.indexOf("<function=", m.end()) >= 0
                    ? "more than one <function=...> block" : "text after the </function> tag");
        }
        return call(m.group(1), m.group(2), true);
    }

    /**
     * Finds every function block in {@code text} (an assistant message with reasoning around it). Text between
     * parameters is ignored here, as SWE-agent's own parser does.
     */
    public static List<Found> findAll(String text) {
        List<Found> out = new ArrayList<>();
        Matcher m = FUNCTION.matcher(text);
        while (m.find()) out.add(new Found(call(m.group(1), m.group(2), false), m.start(), m.end()));
        return out;
    }

    private static ToolCall call(String name, String body, boolean strict) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher p = PARAMETER.matcher(body);
        int last = 0;
        while (p.find()) {
            if (strict && !body.substring(last, p.start()).isBlank()) {
                throw new IllegalArgumentException("text between parameters of <function=" + name + ">");
            }
            String key = p.group(1).strip();
            String v = p.group(2);
            if (ToolNames.MULTILINE.contains(key)) {
                if (v.startsWith("\n")) v = v.substring(1);
                if (v.endsWith("\n")) v = v.substring(0, v.length() - 1);
            }
            if (params.put(key, v) != null && strict) {
                throw new IllegalArgumentException("parameter '" + key + "' given twice");
            }
            last = p.end();
        }
        if (strict && !body.substring(last).isBlank()) {
            throw new IllegalArgumentException("text after the last parameter of <function=" + name + ">");
        }
        return new ToolCall(name.strip(), params);
    }
}
