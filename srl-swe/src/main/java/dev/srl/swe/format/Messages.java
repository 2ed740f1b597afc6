package dev.srl.swe.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.io.JsonLine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers shared by the readers: message content, issue text, observation prefixes, metadata. */
final class Messages {
    private Messages() {
    }

    static final ObjectMapper JSON = new ObjectMapper();

    /** Fields never carried into metadata: the step source itself and evaluation results, which must not leak into prompts. */
    static final List<String> NOT_METADATA = List.of("messages", "history", "trajectory", "eval_logs", "test_result", "report");

    /** A field that is either an array or a string holding a JSON array (as in SWE-smith's {@code messages}). */
    static JsonNode arrayOrJsonString(JsonLine line, JsonNode v, String field) {
        if (v == null || v.isNull()) throw line.error(field, "missing");
        if (v.isTextual()) {
            try {
                v = JSON.readTree(v.textValue());
            } catch (JsonProcessingException e) {
                throw line.error(field, "not valid JSON: " + e.getOriginalMessage());
            }
            if (v == null) throw line.error(field, "empty string");
        }
        if (!v.isArray()) throw line.error(field, "expected an array, got " + JsonLine.describe(v));
        return v;
    }

    /** Content as text: a string, or a list of parts whose {@code text} fields are joined by newlines. */
    static String content(JsonLine line, JsonNode v, String field) {
        if (v == null || v.isNull()) return "";
        if (v.isTextual()) return v.textValue();
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode p = v.get(i);
                if (p.isTextual()) parts.add(p.textValue());
                else if (p.isObject() && p.has("text")) parts.add(line.text(p, "text", field + "[" + i + "].text", true));
                else if (!(p.isObject() && p.has("type"))) {
                    throw line.error(field + "[" + i + "]", "expected a text part, got " + JsonLine.describe(p));
                }
            }
            return String.join("\n", parts);
        }
        throw line.error(field, "expected a string or a list of text parts, got " + JsonLine.describe(v));
    }

    /** The object at {@code index} of {@code array}, or an error naming it. */
    static JsonNode object(JsonLine line, JsonNode array, int index, String field) {
        JsonNode v = array.get(index);
        if (!v.isObject()) throw line.error(field + "[" + index + "]", "expected an object, got " + JsonLine.describe(v));
        return v;
    }

    private static final Pattern[] ISSUE = {
            Pattern.compile("<pr_description>\\s*(.*?)\\s*</pr_description>", Pattern.DOTALL),
            Pattern.compile("<issue_description>\\s*(.*?)\\s*</issue_description>", Pattern.DOTALL),
            Pattern.compile("<issue>\\s*(.*?)\\s*</issue>", Pattern.DOTALL),
            Pattern.compile("ISSUE:\\s*\\n(.*?)\\s*\\n\\s*INSTRUCTIONS:", Pattern.DOTALL),
    };

    /**
     * The issue inside a task message: the body of {@code <pr_description>} (SWE-agent, SWE-smith),
     * {@code <issue_description>} (OpenHands) or the {@code ISSUE: … INSTRUCTIONS:} section (SWE-agent 0.x);
     * otherwise the whole message, stripped.
     */
    static String issue(String message) {
        for (Pattern p : ISSUE) {
            Matcher m = p.matcher(message);
            if (m.find()) return m.group(1);
        }
        return message.strip();
    }

    private static final Pattern OBS_PREFIX = Pattern.compile("\\A(?:OBSERVATION:[ \\t]*\\n?|EXECUTION RESULT of \\[[^\\]\\n]*\\]:[ \\t]*\\n?)");

    /** An observation without the {@code OBSERVATION:} or {@code EXECUTION RESULT of [tool]:} line the agent added. */
    static String observation(String text) {
        return OBS_PREFIX.matcher(text).replaceFirst("");
    }

    /** A copy of {@code record} without the step source and evaluation fields. */
    static JsonNode metadata(JsonNode record) {
        ObjectNode m = ((ObjectNode) record).deepCopy();
        m.remove(NOT_METADATA);
        return m;
    }

    /** {@code traj_id} when the record has one, else {@code <instance_id>@<line>} (line or file name). */
    static String id(JsonLine line, String fallbackName) {
        String traj = line.optText("traj_id", null);
        if (traj != null) return traj;
        String inst = line.optText("instance_id", null);
        String where = line.lineNumber() > 0 ? Long.toString(line.lineNumber()) : fallbackName;
        return (inst == null ? "trajectory" : inst) + "@" + where;
    }

    /** Null for blank text, else the text stripped. */
    static String blankToNull(String s) {
        if (s == null) return null;
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
