package dev.srl.core.io;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One parsed line of a JSONL file, with typed accessors whose errors name the file, line and field.
 *
 * <pre>{@code
 * String a = line.requireText("a");          // error if missing or not a string
 * boolean junk = line.optBoolean("autojunk", false);
 * }</pre>
 *
 * @param source     the file or stream name, for error messages
 * @param lineNumber the 1-based line number
 * @param node       the parsed JSON object
 */
public record JsonLine(String source, long lineNumber, JsonNode node) {

    /** An error that points at {@code field} of this line. */
    public DataFormatException error(String field, String problem) {
        return new DataFormatException(source, lineNumber, field, problem);
    }

    /** The string field {@code name}; an error if it is missing, null or not a string. */
    public String requireText(String name) {
        return text(node, name, name, true);
    }

    /** The string field {@code name}, or {@code fallback} when it is missing or null. */
    public String optText(String name, String fallback) {
        String v = text(node, name, name, false);
        return v == null ? fallback : v;
    }

    /** The boolean field {@code name}, or {@code fallback} when it is missing or null. */
    public boolean optBoolean(String name, boolean fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) return fallback;
        if (!v.isBoolean()) throw error(name, "expected true or false, got " + describe(v));
        return v.booleanValue();
    }

    /** The integer array field {@code name}; an error if missing, not an array, or holding a non-integer. */
    public int[] requireIntArray(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) throw error(name, "missing");
        if (!v.isArray()) throw error(name, "expected an array of integers, got " + describe(v));
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = v.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToInt()) {
                throw error(name + "[" + i + "]", "expected an integer, got " + describe(e));
            }
            out[i] = e.intValue();
        }
        return out;
    }

    /** The array field {@code name} of strings; an error if missing or holding a non-string. */
    public List<String> requireTextArray(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) throw error(name, "missing");
        if (!v.isArray()) throw error(name, "expected an array of strings, got " + describe(v));
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual()) throw error(name + "[" + i + "]", "expected a string, got " + describe(e));
            out.add(e.textValue());
        }
        return out;
    }

    /** Reads string {@code name} of {@code obj}; {@code path} is the full field path used in errors. */
    public String text(JsonNode obj, String name, String path, boolean required) {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) {
            if (required) throw error(path, "missing");
            return null;
        }
        if (!v.isTextual()) throw error(path, "expected a string, got " + describe(v));
        return v.textValue();
    }

    /** A short description of a JSON value's type for error messages, e.g. "a number". */
    public static String describe(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            case BINARY -> "binary data";
        };
    }
}
