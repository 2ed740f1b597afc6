package dev.srl.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an expert trajectory into SRL step-wise instances (Sec. 4.2 of the paper): instance k shows the task
 * and expert steps before k, and its target is the expert's step k. Stateless and thread-safe; a trajectory's
 * instances are built in memory, a file of trajectories is processed one trajectory at a time.
 *
 * <pre>{@code
 * var builder = new StepwiseBuilder(StepwiseOptions.math().withTitleHint(true));
 * for (StepwiseInstance inst : builder.build(trajectory)) {
 *     System.out.println(inst.id() + " -> " + inst.target());     // e.g. "gsm-7#1 -> 2. **Add** 3 + 4 = 7"
 * }
 * }</pre>
 */
public final class StepwiseBuilder {
    private final StepwiseOptions options;

    public StepwiseBuilder(StepwiseOptions options) {
        if (options == null) throw new IllegalArgumentException("options are missing");
        this.options = options;
    }

    public StepwiseOptions options() { return options; }

    /** The instances of one trajectory in step order; empty when it has too few steps for the targets choice. */
    public List<StepwiseInstance> build(Trajectory t) {
        List<Step> steps = t.steps();
        int n = steps.size();
        int first = options.targets() == StepwiseOptions.Targets.SKIP_FIRST ? 1 : 0;
        int end = options.targets() == StepwiseOptions.Targets.SKIP_LAST ? n - 1 : n;
        List<StepwiseInstance> out = new ArrayList<>(Math.max(0, end - first));
        for (int k = first; k < end; k++) {
            Step target = steps.get(k);
            String hint = options.titleHint() ? target.title() : null;
            out.add(new StepwiseInstance(t.id() + "#" + k, t.id(), k, t.task(), context(steps, k), hint, target.action()));
        }
        return out;
    }

    /** How many instances {@link #build} makes from a trajectory of {@code stepCount} steps. */
    public int instanceCount(int stepCount) {
        return switch (options.targets()) {
            case ALL -> stepCount;
            case SKIP_FIRST, SKIP_LAST -> Math.max(0, stepCount - 1);
        };
    }

    private List<Step> context(List<Step> steps, int k) {
        int from = options.context() == StepwiseOptions.ContextPolicy.LAST_K_PAIRS ? Math.max(0, k - options.lastK()) : 0;
        List<Step> ctx = new ArrayList<>(k - from);
        for (Step s : steps.subList(from, k)) {
            ctx.add(options.withThoughts() || s.thought() == null ? s : new Step(s.action(), s.title(), null, s.observation()));
        }
        return ctx;
    }
}
