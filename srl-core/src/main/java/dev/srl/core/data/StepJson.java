package dev.srl.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.io.JsonLine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The JSON form of a {@link Step}, shared by the trajectory and the instance files. */
final class StepJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> FIELDS = List.of("action", "title", "thought", "observation");

    private StepJson() {
    }

    /** Writes a step; absent parts ({@code null}) are left out. */
    static ObjectNode toJson(Step s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("action", s.action());
        putIfSet(o, "title", s.title());
        putIfSet(o, "thought", s.thought());
        putIfSet(o, "observation", s.observation());
        return o;
    }

    static ArrayNode toJson(List<Step> steps) {
        ArrayNode a = MAPPER.createArrayNode();
        for (Step s : steps) a.add(toJson(s));
        return a;
    }

    static void putIfSet(ObjectNode o, String name, String value) {
        if (value != null) o.put(name, value);
    }

    /**
     * Reads the array field {@code name} of the line as steps; errors name the path, e.g. {@code steps[2].action}.
     * With {@code strict}, a step field other than action, title, thought and observation is an error.
     */
    static List<Step> readSteps(JsonLine line, String name, boolean strict) {
        JsonNode arr = line.node().get(name);
        if (arr == null || arr.isNull()) throw line.error(name, "missing");
        if (!arr.isArray()) throw line.error(name, "expected an array of steps, got " + JsonLine.describe(arr));
        List<Step> steps = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            String path = name + "[" + i + "]";
            JsonNode o = arr.get(i);
            if (!o.isObject()) throw line.error(path, "expected a step object, got " + JsonLine.describe(o));
            if (strict) rejectUnknown(line, o, path + ".", FIELDS);
            steps.add(new Step(
                    line.text(o, "action", path + ".action", true),
                    line.text(o, "title", path + ".title", false),
                    line.text(o, "thought", path + ".thought", false),
                    line.text(o, "observation", path + ".observation", false)));
        }
        return steps;
    }

    /** An error for the first field of {@code o} that is not in {@code known}; catches typos like "observaton". */
    static void rejectUnknown(JsonLine line, JsonNode o, String prefix, List<String> known) {
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw line.error(prefix + f, "unknown field (expected one of " + String.join(", ", known) + ")");
            }
        }
    }
}
