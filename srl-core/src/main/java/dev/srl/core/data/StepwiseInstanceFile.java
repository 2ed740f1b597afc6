package dev.srl.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.io.DataFormatException;
import dev.srl.core.io.JsonLine;
import dev.srl.core.io.JsonLinesReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The step-wise instance file that {@code srl build-steps} writes and the trainers read: JSONL, one
 * {@link StepwiseInstance} per line.
 *
 * <pre>{@code
 * {"id": "add-1#1", "trajectory_id": "add-1", "step_index": 1, "task": "Tom has 3 apples ...",
 *  "context": [{"action": "1. **Count** ...", "title": "Count"}], "hint": "Add", "target": "2. **Add** ..."}
 * }</pre>
 *
 * {@code id}, {@code trajectory_id}, {@code task}, {@code target} (strings), {@code step_index} (an integer
 * ≥ 0) and {@code context} (an array of steps, as in {@link SrlTrajectoryFormat}) are required; {@code hint}
 * is present only with the title hint. Other fields, such as the {@code prompt} and {@code messages} that
 * {@code build-steps --render} adds, are ignored on reading.
 *
 * <pre>{@code
 * List<StepwiseInstance> train = StepwiseInstanceFile.readAll(Path.of("steps.jsonl"));
 * }</pre>
 */
public final class StepwiseInstanceFile {

    private StepwiseInstanceFile() {
    }

    /** Streams the instances of {@code file} to {@code sink}; returns how many invalid lines were skipped. */
    public static long read(Path file, boolean skipInvalid, Consumer<StepwiseInstance> sink) throws IOException {
        try (JsonLinesReader in = JsonLinesReader.open(file, skipInvalid)) {
            for (JsonLine line : in) {
                StepwiseInstance inst;
                try {
                    inst = parse(line);
                } catch (DataFormatException e) {
                    if (in.skip(e)) continue;
                    throw e;
                }
                sink.accept(inst);
            }
            return in.skipped();
        }
    }

    /** Every instance of {@code file}, in order; any invalid line is an error. */
    public static List<StepwiseInstance> readAll(Path file) throws IOException {
        List<StepwiseInstance> all = new ArrayList<>();
        read(file, false, all::add);
        return all;
    }

    /** One instance from one parsed line; a {@link DataFormatException} names the bad field. */
    public static StepwiseInstance parse(JsonLine line) {
        String id = line.requireText("id");
        String trajectoryId = line.requireText("trajectory_id");
        JsonNode k = line.node().get("step_index");
        if (k == null || k.isNull()) throw line.error("step_index", "missing");
        if (!k.isIntegralNumber() || !k.canConvertToInt() || k.intValue() < 0) {
            throw line.error("step_index", "expected an integer ≥ 0, got " + (k.isNumber() ? k.asText() : JsonLine.describe(k)));
        }
        String task = line.requireText("task");
        List<Step> context = StepJson.readSteps(line, "context", false);
        String hint = line.optText("hint", null);
        String target = line.requireText("target");
        return new StepwiseInstance(id, trajectoryId, k.intValue(), task, context, hint, target);
    }

    /** The JSON object of one instance, as {@link #parse} reads it back. */
    public static ObjectNode toJson(StepwiseInstance i) {
        ObjectNode o = StepJson.MAPPER.createObjectNode();
        o.put("id", i.id());
        o.put("trajectory_id", i.trajectoryId());
        o.put("step_index", i.stepIndex());
        o.put("task", i.task());
        o.set("context", StepJson.toJson(i.context()));
        StepJson.putIfSet(o, "hint", i.hint());
        o.put("target", i.target());
        return o;
    }
}
