package dev.srl.core.data;

/**
 * How {@link StepwiseBuilder} cuts an expert trajectory into step-wise instances.
 *
 * <pre>{@code
 * StepwiseOptions math = StepwiseOptions.math();                       // task + all earlier steps
 * StepwiseOptions swe  = StepwiseOptions.swe().withTitleHint(false);    // task + last 2 action/observation pairs
 * StepwiseOptions mine = StepwiseOptions.math().withTargets(StepwiseOptions.Targets.ALL);
 * }</pre>
 *
 * @param context      which earlier expert steps the model sees
 * @param lastK        how many earlier steps {@link ContextPolicy#LAST_K_PAIRS} keeps (the paper's SWE setting is 2);
 *                     ignored by {@link ContextPolicy#FULL_HISTORY}
 * @param withThoughts keep the expert's reasoning ({@link Step#thought()}) of the context steps; off by default
 *                     because the paper shows the learner actions (and observations), and for SWE leaves it open
 * @param titleHint    put the target step's title in {@link StepwiseInstance#hint()} (the paper's footnote 1:
 *                     giving the title of the next step "can further boost the performance"); off by default
 *                     because the paper does not say its main results used it
 * @param targets      which steps become targets
 */
public record StepwiseOptions(ContextPolicy context, int lastK, boolean withThoughts, boolean titleHint,
                              Targets targets) {

    /** Which expert steps before the target go into an instance's context. */
    public enum ContextPolicy {
        /** The task and every expert step before the target: the paper's math setting (Sec. 4.2). */
        FULL_HISTORY,
        /**
         * The task and the last {@code lastK} expert steps before the target, each an action with its
         * observation: the paper's SWE setting (App. A, "two consecutive action-observation pairs").
         */
        LAST_K_PAIRS
    }

    /**
     * Which steps of an N-step trajectory become targets. Sec. 4.2 says a solution with N steps gives N−1
     * instances with context {@code [x, y1 … y(k−1)]} for k = 1 … N−1; read literally that leaves out the last
     * step, so each re-implementation picks its own reading (srl-paper.md §1, §8).
     */
    public enum Targets {
        /**
         * Steps 2 … N (N−1 instances), so every context holds at least one expert step. This is the default:
         * it gives the paper's count of N−1 instances, keeps the last step (often the one with the final
         * answer) as a target, and matches Figure 3, whose example context is "Question … Solution: [Step1]".
         * One community implementation (chenyingtz) made the same choice.
         */
        SKIP_FIRST,
        /** Steps 1 … N (N instances); the first sees only the task (as iroblesrazzaq did). */
        ALL,
        /** Steps 1 … N−1 (N−1 instances): the literal reading of Sec. 4.2; the last step is never a target. */
        SKIP_LAST
    }

    public StepwiseOptions {
        if (context == null) throw new IllegalArgumentException("context policy is missing");
        if (targets == null) throw new IllegalArgumentException("targets choice is missing");
        if (lastK < 1) throw new IllegalArgumentException("lastK must be at least 1, got " + lastK);
    }

    /** The paper's math setting: full history, no thoughts, no title hint, targets {@link Targets#SKIP_FIRST}. */
    public static StepwiseOptions math() {
        return new StepwiseOptions(ContextPolicy.FULL_HISTORY, 2, false, false, Targets.SKIP_FIRST);
    }

    /** The paper's SWE setting: the last 2 action/observation pairs, no thoughts, targets {@link Targets#SKIP_FIRST}. */
    public static StepwiseOptions swe() {
        return new StepwiseOptions(ContextPolicy.LAST_K_PAIRS, 2, false, false, Targets.SKIP_FIRST);
    }

    public StepwiseOptions withContext(ContextPolicy c) {
        return new StepwiseOptions(c, lastK, withThoughts, titleHint, targets);
    }

    /** Switches to {@link ContextPolicy#LAST_K_PAIRS} with {@code k} steps. */
    public StepwiseOptions withLastK(int k) {
        return new StepwiseOptions(ContextPolicy.LAST_K_PAIRS, k, withThoughts, titleHint, targets);
    }

    public StepwiseOptions withThoughts(boolean on) {
        return new StepwiseOptions(context, lastK, on, titleHint, targets);
    }

    public StepwiseOptions withTitleHint(boolean on) {
        return new StepwiseOptions(context, lastK, withThoughts, on, targets);
    }

    public StepwiseOptions withTargets(Targets t) {
        return new StepwiseOptions(context, lastK, withThoughts, titleHint, t);
    }
}
