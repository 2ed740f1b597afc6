package dev.srl.core.prompt;

import dev.srl.core.data.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How one expert step of an instance's context is written into the prompt, and what goes between steps.
 * Task adapters plug in their own: a math step is its text, an agent step an action with its observation.
 *
 * <pre>{@code
 * StepFormat fenced = new StepFormat(s -> "```\n" + s.action() + "\n```", "\n\n");
 * }</pre>
 *
 * @param render    one step to text
 * @param separator what is put between two rendered steps
 */
public record StepFormat(Function<Step, String> render, String separator) {

    /**
     * The step's parts one after another on their own lines: the thought (when the instance kept it), the
     * action, the observation (when there is one). For a math solution that is just the numbered step.
     */
    public static final StepFormat TEXT = new StepFormat(StepFormat::plain, "\n");

    /** Labelled blocks for agent trajectories: {@code Thought:}, {@code Action:} and {@code Observation:}. */
    public static final StepFormat ACTION_OBSERVATION = new StepFormat(StepFormat::labelled, "\n\n");

    public StepFormat {
        if (render == null || separator == null) throw new IllegalArgumentException("a step format needs a renderer and a separator");
    }

    /** The steps rendered and joined by the separator; empty for no steps. */
    public String renderAll(List<Step> steps) {
        List<String> parts = new ArrayList<>(steps.size());
        for (Step s : steps) parts.add(render.apply(s));
        return String.join(separator, parts);
    }

    private static String plain(Step s) {
        StringBuilder b = new StringBuilder();
        if (s.thought() != null) b.append(s.thought()).append('\n');
        b.append(s.action());
        if (s.observation() != null) b.append('\n').append(s.observation());
        return b.toString();
    }

    private static String labelled(Step s) {
        StringBuilder b = new StringBuilder();
        if (s.thought() != null) b.append("Thought:\n").append(s.thought()).append('\n');
        b.append("Action:\n").append(s.action());
        if (s.observation() != null) b.append("\nObservation:\n").append(s.observation());
        return b.toString();
    }
}
