package dev.srl.swe.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.srl.core.data.Step;
import dev.srl.core.data.Trajectory;
import dev.srl.core.data.TrajectoryFormat;
import dev.srl.core.io.DataFormatException;
import dev.srl.core.io.JsonLine;
import dev.srl.swe.action.CommandLineAction;
import dev.srl.swe.action.ObservationPolicy;
import dev.srl.swe.action.ToolCall;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * SWE-agent {@code .traj} files: one JSON document per trajectory, given as a file or as a folder searched
 * recursively for {@code *.traj} (in name order). A step is an entry of {@code trajectory} with a non-blank
 * {@code action} (SWE-agent's command string, read by {@link CommandLineAction}), its {@code thought} and
 * {@code observation}. The task is the {@code <pr_description>} of the first user message of {@code history},
 * else {@code replay_config}'s {@code problem_statement.text}. The id is the file name without {@code .traj};
 * metadata is {@code info} plus {@code environment}. Errors name the file and the field (e.g.
 * {@code trajectory[3].action}); with {@code skipInvalid} a bad file is skipped.
 *
 * <pre>{@code
 * new SweAgentTrajFormat().read(Path.of("trajectories/run1"), false, sink);
 * }</pre>
 */
public final class SweAgentTrajFormat implements TrajectoryFormat {
    private final ObservationPolicy observations;

    public SweAgentTrajFormat() {
        this(ObservationPolicy.DEFAULT);
    }

    public SweAgentTrajFormat(ObservationPolicy observations) {
        this.observations = observations;
    }

    @Override
    public String name() {
        return "sweagent-traj";
    }

    @Override
    public ReadStats read(Path file, boolean skipInvalid, Consumer<Trajectory> sink) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(file)) {
            try (Stream<Path> s = Files.walk(file)) {
                s.filter(p -> p.getFileName().toString().endsWith(".traj") && Files.isRegularFile(p)).sorted().forEach(files::add);
            }
        } else {
            files.add(file);
        }
        long read = 0, skipped = 0, excluded = 0;
        for (Path f : files) {
            Trajectory t;
            try {
                t = parse(f);
            } catch (DataFormatException e) {
                if (!skipInvalid) throw e;
                skipped++;
                continue;
            }
            if (t == null) excluded++;
            else {
                sink.accept(t);
                read++;
            }
        }
        return new ReadStats(read, skipped, excluded);
    }

    Trajectory parse(Path file) throws IOException {
        String source = file.toString();
        JsonNode root;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            root = Messages.JSON.readTree(text);
        } catch (CharacterCodingException e) {
            throw new DataFormatException(source, 0, null, "invalid UTF-8");
        } catch (JsonProcessingException e) {
            throw new DataFormatException(source, 0, null, "malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new DataFormatException(source, 0, null, "expected a JSON object, got " + (root == null ? "nothing" : JsonLine.describe(root)));
        }
        JsonLine doc = new JsonLine(source, 0, root);
        JsonNode traj = root.get("trajectory");
        if (traj == null || traj.isNull()) throw doc.error("trajectory", "missing");
        if (!traj.isArray()) throw doc.error("trajectory", "expected an array, got " + JsonLine.describe(traj));
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < traj.size(); i++) {
            String f = "trajectory[" + i + "]";
            JsonNode s = Messages.object(doc, traj, i, "trajectory");
            String action = doc.text(s, "action", f + ".action", true);
            if (action.isBlank()) continue;
            ToolCall call;
            try {
                call = CommandLineAction.parse(action);
            } catch (IllegalArgumentException e) {
                throw doc.error(f + ".action", "cannot read the command: " + e.getMessage());
            }
            String thought = doc.text(s, "thought", f + ".thought", false);
            String obs = doc.text(s, "observation", f + ".observation", false);
            steps.add(ChatSteps.step(doc, f + ".action", call, thought, obs == null ? null : observations.apply(obs)));
        }
        String task = task(doc);
        if (steps.isEmpty()) return null;
        String name = file.getFileName().toString();
        String id = name.endsWith(".traj") ? name.substring(0, name.length() - 5) : name;
        var meta = Messages.JSON.createObjectNode();
        if (root.has("info")) meta.set("info", root.get("info"));
        if (root.has("environment")) meta.set("environment", root.get("environment"));
        return new Trajectory(id, task, meta, steps);
    }

    private static String task(JsonLine doc) {
        JsonNode history = doc.node().get("history");
        if (history != null && history.isArray()) {
            for (int i = 0; i < history.size(); i++) {
                JsonNode m = history.get(i);
                if (m.isObject() && "user".equals(m.path("role").asText())) {
                    return Messages.issue(Messages.content(doc, m.get("content"), "history[" + i + "].content"));
                }
            }
        }
        JsonNode rc = doc.node().get("replay_config");
        if (rc != null && rc.isTextual()) {
            try {
                rc = Messages.JSON.readTree(rc.textValue());
            } catch (JsonProcessingException e) {
                throw doc.error("replay_config", "not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (rc != null && rc.path("problem_statement").path("text").isTextual()) {
            return rc.get("problem_statement").get("text").textValue();
        }
        throw doc.error("history", "no task: no user message in history and no replay_config.problem_statement.text");
    }
}
