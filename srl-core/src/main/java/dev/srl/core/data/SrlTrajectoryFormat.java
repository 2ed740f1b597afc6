package dev.srl.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.io.DataFormatException;
import dev.srl.core.io.JsonLine;
import dev.srl.core.io.JsonLinesReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The project's own trajectory file (format name {@code srl}): JSONL, one trajectory per line.
 *
 * <pre>{@code
 * {"id": "add-1", "task": "Tom has 3 apples ...", "metadata": {"answer": "7"},
 *  "steps": [{"action": "1. **Count** 3 + 4 = 7", "title": "Count", "thought": "...", "observation": "..."}]}
 * }</pre>
 *
 * <ul>
 *   <li>{@code id} and {@code task}: required strings.</li>
 *   <li>{@code metadata}: optional, any JSON value; carried through untouched (object key order, strings,
 *       integers of any size; a decimal number comes back as the nearest double, e.g. {@code 1.10} as {@code 1.1}).</li>
 *   <li>{@code steps}: a non-empty array of step objects; {@code action} is required, {@code title},
 *       {@code thought} and {@code observation} are optional strings.</li>
 * </ul>
 * Any other field is an error, so a typo such as {@code "observaton"} cannot silently drop data. Errors name
 * the file, line and field, e.g. {@code trajs.jsonl:3: field 'steps[2].action': missing}.
 *
 * <pre>{@code
 * var stats = new SrlTrajectoryFormat().read(Path.of("trajs.jsonl"), false, t -> System.out.println(t.id()));
 * }</pre>
 */
public final class SrlTrajectoryFormat implements TrajectoryFormat {
    /** The name used by {@code --format}. */
    public static final String NAME = "srl";
    private static final List<String> FIELDS = List.of("id", "task", "metadata", "steps");

    @Override
    public String name() { return NAME; }

    /**
     * Streams the trajectories of {@code file} to {@code sink}; nothing is excluded in this format. A repeated
     * {@code id} is an error, since instance ids ({@code <id>#<step>}) must be unique; only the ids are kept
     * in memory.
     */
    @Override
    public ReadStats read(Path file, boolean skipInvalid, Consumer<Trajectory> sink) throws IOException {
        long read = 0;
        Map<String, Long> firstLine = new HashMap<>();
        try (JsonLinesReader in = JsonLinesReader.open(file, skipInvalid)) {
            for (JsonLine line : in) {
                Trajectory t;
                try {
                    t = parse(line);
                    Long seen = firstLine.putIfAbsent(t.id(), line.lineNumber());
                    if (seen != null) throw line.error("id", "duplicate id '" + t.id() + "' (first on line " + seen + ")");
                } catch (DataFormatException e) {
                    if (in.skip(e)) continue;
                    throw e;
                }
                sink.accept(t);
                read++;
            }
            return new ReadStats(read, in.skipped(), 0);
        }
    }

    /** One trajectory from one parsed line; a {@link DataFormatException} names the bad field. */
    public static Trajectory parse(JsonLine line) {
        StepJson.rejectUnknown(line, line.node(), "", FIELDS);
        String id = line.requireText("id");
        String task = line.requireText("task");
        JsonNode metadata = line.node().get("metadata");
        List<Step> steps = StepJson.readSteps(line, "steps", true);
        if (steps.isEmpty()) throw line.error("steps", "expected at least one step");
        return new Trajectory(id, task, metadata == null || metadata.isNull() ? null : metadata, steps);
    }

    /** The JSON object of one trajectory, as {@link #parse} reads it back. */
    public static ObjectNode toJson(Trajectory t) {
        ObjectNode o = StepJson.MAPPER.createObjectNode();
        o.put("id", t.id());
        o.put("task", t.task());
        if (t.metadata() != null) o.set("metadata", t.metadata());
        o.set("steps", StepJson.toJson(t.steps()));
        return o;
    }
}
