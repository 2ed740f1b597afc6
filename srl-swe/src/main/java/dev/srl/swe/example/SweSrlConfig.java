package dev.srl.swe.example;

/**
 * The settings of {@link SweSrlPipeline}: how the bundled expert trajectories become short prompts, the tiny
 * model, the SFT warm-up and the SRL (GRPO) phase.
 *
 * <p>Why the prompts are cut so hard: with a character tokenizer every character is a token, and the paper's
 * SWE context (the issue plus the last two actions with their outputs) runs to thousands of characters. A tiny
 * transformer on two CPU cores trains on a few hundred tokens a prompt in reasonable time, so the issue keeps
 * its first {@code maxIssueChars} characters (its title and the start of the description), each observation
 * keeps {@code maxObservationChars} (head and tail, {@link dev.srl.swe.action.ObservationPolicy}), and the
 * system prompt is one line. Actions are never cut: they are what the model must reproduce.
 *
 * <pre>{@code
 * SweSrlConfig c = SweSrlConfig.defaults().withSteps(100, 6);
 * }</pre>
 *
 * @param heldOutTask         the instance id whose steps are held out for evaluation (never trained on)
 * @param maxIssueChars       the issue text is cut to its first this many characters
 * @param maxObservationChars observations keep this many characters (head and tail)
 * @param hiddenSize          model width (a Llama-style decoder with 4 query and 2 key/value heads)
 * @param layers              transformer blocks
 * @param expertThoughts      whether the SFT answers put the expert's thought in the think block; off, they
 *                            leave it empty: a tiny character model then spends its capacity on the tool-call
 *                            format and the actions, which is all the reward scores
 * @param sftSteps            warm-up updates teaching the {@code <think>…</think>} + one tool call format
 * @param sftBatchSize        examples per SFT update
 * @param sftLearningRate     SFT peak learning rate (cosine to a tenth of it after a warm-up of a tenth of the steps)
 * @param srlSteps            GRPO updates with the tool-call similarity reward
 * @param groupSize           GRPO rollouts per prompt (G)
 * @param promptsPerStep      GRPO groups per update after dynamic sampling
 * @param srlLearningRate     GRPO learning rate (constant)
 * @param maxSamplingRounds   dynamic-sampling rounds before a step trains on fewer groups (or skips)
 * @param maxNewTokens        the generation limit for rollouts and evaluation (the longest expert action has ~440 characters, ~330 tokens)
 * @param commandTimeoutSeconds timeout of each sandboxed command and test run during the replay
 * @param seed                seeds the weights, the data order and the rollouts
 */
public record SweSrlConfig(String heldOutTask, int maxIssueChars, int maxObservationChars, int hiddenSize, int layers,
                           boolean expertThoughts, int sftSteps, int sftBatchSize, double sftLearningRate, int srlSteps, int groupSize,
                           int promptsPerStep, double srlLearningRate, int maxSamplingRounds, int maxNewTokens,
                           int commandTimeoutSeconds, long seed) {

    public SweSrlConfig {
        if (heldOutTask == null || heldOutTask.isBlank()) throw new IllegalArgumentException("heldOutTask is missing");
        if (maxIssueChars < 1 || maxObservationChars < 1) throw new IllegalArgumentException("maxIssueChars and maxObservationChars must be >= 1");
        if (hiddenSize < 8 || hiddenSize % 8 != 0) throw new IllegalArgumentException("hiddenSize must be a multiple of 8, got " + hiddenSize);
        if (layers < 1) throw new IllegalArgumentException("layers must be >= 1, got " + layers);
        if (sftSteps < 0 || srlSteps < 0) throw new IllegalArgumentException("sftSteps and srlSteps must be >= 0");
        if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
        if (commandTimeoutSeconds < 1) throw new IllegalArgumentException("commandTimeoutSeconds must be >= 1");
    }

    /** The example's settings: a ~0.4M-parameter model, sized for a few minutes on two CPU cores. */
    public static SweSrlConfig defaults() {
        return new SweSrlConfig("srl-tasks__slugify-3", 80, 32, 128, 2, false, 200, 4, 3e-3, 8, 4, 2, 3e-4, 2, 400, 60, 1);
    }

    /** A toy size for tests: a minute model, a few updates, short generations (checks the plumbing, not learning). */
    public static SweSrlConfig toy() {
        return new SweSrlConfig("srl-tasks__slugify-3", 40, 16, 16, 1, false, 2, 4, 1e-3, 1, 2, 1, 1e-4, 1, 12, 60, 1);
    }

    public SweSrlConfig withSteps(int sft, int srl) {
        return new SweSrlConfig(heldOutTask, maxIssueChars, maxObservationChars, hiddenSize, layers, expertThoughts, sft, sftBatchSize,
                sftLearningRate, srl, groupSize, promptsPerStep, srlLearningRate, maxSamplingRounds, maxNewTokens,
                commandTimeoutSeconds, seed);
    }
}
