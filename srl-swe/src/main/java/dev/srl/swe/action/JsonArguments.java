package dev.srl.swe.action;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a JSON object of tool-call arguments (OpenAI {@code tool_calls[].function.arguments}, OpenHands
 * {@code args}) into string parameters. Strings stay as they are; other values are written the way Python's
 * {@code str()} writes them, since that is how the SWE-smith {@code xml} split rendered them:
 * {@code 5}, {@code [1, 20]}, {@code True}, {@code ['a', 'b']}. A {@code null} value means "not given" and is left out.
 *
 * <pre>{@code
 * Map<String, String> p = JsonArguments.toParams(json.readTree("{\"command\":\"view\",\"view_range\":[1,20]}"));
 * // {command=view, view_range=[1, 20]}
 * }</pre>
 */
public final class JsonArguments {
    private JsonArguments() {
    }

    /** The parameters of a JSON object, in the object's order. */
    public static Map<String, String> toParams(JsonNode args) {
        if (!args.isObject()) throw new IllegalArgumentException("arguments must be a JSON object");
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = args.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) continue;
            out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().textValue() : python(e.getValue()));
        }
        return out;
    }

    /** Python's {@code str()} of a JSON value (its {@code repr()} inside containers). */
    static String python(JsonNode v) {
        switch (v.getNodeType()) {
            case STRING: return v.textValue();
            case BOOLEAN: return v.booleanValue() ? "True" : "False";
            case NULL: case MISSING: return "None";
            case NUMBER: return v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.asText();
            case ARRAY: {
                StringBuilder s = new StringBuilder("[");
                for (int i = 0; i < v.size(); i++) {
                    if (i > 0) s.append(", ");
                    s.append(repr(v.get(i)));
                }
                return s.append(']').toString();
            }
            default: {
                StringBuilder s = new StringBuilder("{");
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!first) s.append(", ");
                    first = false;
                    s.append(quote(e.getKey())).append(": ").append(repr(e.getValue()));
                }
                return s.append('}').toString();
            }
        }
    }

    private static String repr(JsonNode v) {
        return v.isTextual() ? quote(v.textValue()) : python(v);
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }
}
