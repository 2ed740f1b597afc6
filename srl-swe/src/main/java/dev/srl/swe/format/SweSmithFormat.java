package dev.srl.swe.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.srl.core.data.Step;
import dev.srl.core.data.Trajectory;
import dev.srl.core.data.TrajectoryFormat;
import dev.srl.core.io.JsonLine;
import dev.srl.swe.action.ObservationPolicy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * SWE-smith trajectories (SWE-bench/SWE-smith-trajectories, the SRL paper's SWE source) as JSONL, one row per
 * line: {@code messages} (a JSON string to be parsed again, or an array), {@code instance_id}, {@code traj_id},
 * {@code resolved}, {@code model}, {@code patch}. All three splits are read: {@code xml}, {@code tool},
 * {@code ticks} ({@link ActionStyle}); the style is detected per row unless given.
 *
 * <p>Each action becomes a canonical {@link dev.srl.swe.action.ToolCall} string; the thought is the assistant's text
 * before it (or its {@code thought} field); the observation is the tool output without its {@code OBSERVATION:}
 * line, cut by the {@link ObservationPolicy}. The task is the {@code <pr_description>} of the first user message.
 * The id is {@code traj_id}, else {@code <instance_id>@<line>}. Metadata is the row without {@code messages}.
 * Rows without any action are excluded.
 *
 * <pre>{@code
 * var stats = new SweSmithFormat().read(Path.of("swe-smith-xml.jsonl"), false, t -> System.out.println(t.steps().size()));
 * }</pre>
 */
public final class SweSmithFormat implements TrajectoryFormat {
    private final ActionStyle style;
    private final ObservationPolicy observations;

    /** Detects the style per row; default observation cut. */
    public SweSmithFormat() {
        this(ActionStyle.AUTO, ObservationPolicy.DEFAULT);
    }

    public SweSmithFormat(ActionStyle style, ObservationPolicy observations) {
        this.style = style;
        this.observations = observations;
    }

    @Override
    public String name() {
        return "swe-smith";
    }

    @Override
    public ReadStats read(Path file, boolean skipInvalid, Consumer<Trajectory> sink) throws IOException {
        return JsonlRecords.read(file, skipInvalid, sink, this::parse);
    }

    Trajectory parse(JsonLine line) {
        JsonNode array = Messages.arrayOrJsonString(line, line.node().get("messages"), "messages");
        List<ChatMessage> messages = ChatSteps.openAi(line, array, "messages");
        String task = ChatSteps.task(line, messages, "messages");
        List<Step> steps = ChatSteps.steps(line, messages, style, observations);
        if (steps.isEmpty()) return null;
        return new Trajectory(Messages.id(line, null), task, Messages.metadata(line.node()), steps);
    }
}
