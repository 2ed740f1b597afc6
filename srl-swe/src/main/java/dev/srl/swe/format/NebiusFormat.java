package dev.srl.swe.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.srl.core.data.Step;
import dev.srl.core.data.Trajectory;
import dev.srl.core.data.TrajectoryFormat;
import dev.srl.core.io.JsonLine;
import dev.srl.swe.action.ObservationPolicy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * nebius/SWE-agent-trajectories as JSONL: {@code instance_id}, {@code model_name}, {@code target} (resolved),
 * {@code trajectory} = a list of {@code {role: system|user|ai, text}} turns, and {@code eval_logs}, which is dropped
 * (evaluation output never reaches a prompt or the metadata).
 *
 * <p>A step is an {@code ai} turn: its action is the last fenced code block (as SWE-agent's thought-action parser
 * takes it), read by {@link dev.srl.swe.action.CommandLineAction}; its thought is the text before that block; the
 * observation is the next {@code user} turn. The task is the issue of the first {@code user} turn
 * (the {@code ISSUE: … INSTRUCTIONS:} section when present).
 *
 * <pre>{@code
 * new NebiusFormat().read(Path.of("nebius.jsonl"), true, sink);
 * }</pre>
 */
public final class NebiusFormat implements TrajectoryFormat {
    private final ObservationPolicy observations;

    public NebiusFormat() {
        this(ObservationPolicy.DEFAULT);
    }

    public NebiusFormat(ObservationPolicy observations) {
        this.observations = observations;
    }

    @Override
    public String name() {
        return "nebius";
    }

    @Override
    public ReadStats read(Path file, boolean skipInvalid, Consumer<Trajectory> sink) throws IOException {
        return JsonlRecords.read(file, skipInvalid, sink, this::parse);
    }

    Trajectory parse(JsonLine line) {
        JsonNode turns = Messages.arrayOrJsonString(line, line.node().get("trajectory"), "trajectory");
        List<ChatMessage> messages = new ArrayList<>(turns.size());
        for (int i = 0; i < turns.size(); i++) {
            String f = "trajectory[" + i + "]";
            JsonNode t = Messages.object(line, turns, i, "trajectory");
            String role = line.text(t, "role", f + ".role", true);
            String text = line.text(t, "text", f + ".text", false);
            String mapped = switch (role) {
                case "ai", "assistant" -> "assistant";
                case "user", "system" -> role;
                default -> throw line.error(f + ".role", "expected system, user or ai, got '" + role + "'");
            };
            messages.add(new ChatMessage(f, mapped, text == null ? "" : text, null, List.of(), null));
        }
        String task = ChatSteps.task(line, messages, "trajectory");
        List<Step> steps = ChatSteps.steps(line, messages, ActionStyle.TICKS, observations);
        if (steps.isEmpty()) return null;
        return new Trajectory(Messages.id(line, null), task, Messages.metadata(line.node()), steps);
    }
}
