package dev.srl.math.experiment;

import dev.srl.math.curriculum.Difficulty;

import java.util.Locale;

/**
 * Every knob of {@link PaperTableExperiment}, with three documented presets ({@link #forScale}).
 *
 * <p>Matched budgets: every method gets {@code steps} optimizer updates. The RL methods sample {@code groupSize}
 * rollouts for each of {@code promptsPerStep} prompts per update (dynamic sampling may draw more, up to
 * {@code maxSamplingRounds} rounds, and keeps at most {@code promptsPerStep} groups); SFT's batch is
 * {@code promptsPerStep · groupSize} expert solutions, as many sequences per update as an RL batch holds.
 * SRL → RLVR spends {@code steps / 2} updates on SRL and the rest on RLVR.
 *
 * <pre>{@code
 * ExperimentConfig c = ExperimentConfig.forScale("small", 7);
 * }</pre>
 *
 * @param scale            the preset's name (recorded in results.json)
 * @param seed             seeds the curricula, the weights, data order and sampling
 * @param easy             difficulty of the base model's warm-up problems
 * @param hard             difficulty of the training split and of the held-out problems (levels = number of steps)
 * @param warmupProblems   easy problems for the warm-up
 * @param trainProblems    hard problems every method trains on
 * @param testProblems     held-out hard problems (split by a hash of the text: never in a train split)
 * @param hiddenSize       model width
 * @param layers           transformer blocks
 * @param heads            query heads (half as many key/value heads)
 * @param maxPositions     context length
 * @param warmupSteps      base-model SFT updates (step mode and whole mode on the easy problems)
 * @param warmupBatch      examples per warm-up update
 * @param warmupLr         warm-up peak learning rate (cosine, 10% warm-up)
 * @param steps            optimizer updates of every method
 * @param groupSize        G, rollouts per prompt
 * @param promptsPerStep   groups per RL update
 * @param maxSamplingRounds dynamic-sampling rounds per update at most
 * @param rlLr             RL learning rate (constant, as in the paper). 1e-3 made every RL method collapse within a few
 *                         updates at the small scale (docs/paper-table.md); 1e-4 is a tenth of SFT's, as in the paper
 * @param sftLr            SFT learning rate (constant; NLL gradients are on another scale than policy gradients)
 * @param temperature      rollout temperature, and the temperature of avg@k
 * @param stepTokens       the most tokens of one step response (the last step with its boxed answer is about 95 characters)
 * @param wholeTokens      the most tokens of one whole-solution response
 * @param maxSolveSteps    the most responses the evaluator asks for per held-out problem
 * @param evalInstances    held-out step-wise instances for the step-similarity column
 * @param evalSamples      k of avg@k
 */
public record ExperimentConfig(String scale, long seed, Difficulty easy, Difficulty hard,
                               int warmupProblems, int trainProblems, int testProblems,
                               int hiddenSize, int layers, int heads, int maxPositions,
                               int warmupSteps, int warmupBatch, double warmupLr,
                               int steps, int groupSize, int promptsPerStep, int maxSamplingRounds,
                               double rlLr, double sftLr, double temperature,
                               int stepTokens, int wholeTokens, int maxSolveSteps, int evalInstances, int evalSamples) {

    /** The seed the documented runs use. */
    public static final long DEFAULT_SEED = 7;

    public ExperimentConfig {
        if (hiddenSize % heads != 0 || heads % 2 != 0) {
            throw new IllegalArgumentException("hiddenSize must be a multiple of heads, and heads even; got " + hiddenSize + "/" + heads);
        }
        if (steps < 2) throw new IllegalArgumentException("steps must be >= 2 (SRL -> RLVR needs a step for each stage), got " + steps);
        if (warmupSteps < 1 || testProblems < 1 || evalInstances < 1) {
            throw new IllegalArgumentException("need warmupSteps, testProblems and evalInstances >= 1");
        }
        if (evalSamples < 1) throw new IllegalArgumentException("evalSamples (k of avg@k) must be >= 1, got " + evalSamples);
    }

    /**
     * The presets: {@code tiny} (tests, about 10 seconds); {@code small} (24 updates per method, 60 held-out problems:
     * 8 minutes on two shared CPU cores); {@code full} (500 warm-up steps, 48 updates per method, 100 held-out problems:
     * about twice as long). docs/paper-table.md records the measured times.
     */
    public static ExperimentConfig forScale(String scale, long seed) {
        return switch (scale.toLowerCase(Locale.ROOT)) {
            case "tiny" -> new ExperimentConfig("tiny", seed, new Difficulty(2, 2, 1), new Difficulty(2, 3, 1),
                    30, 30, 6, 32, 1, 2, 256,
                    3, 4, 3e-3,
                    2, 4, 2, 2, 1e-3, 1e-3, 1.0,
                    24, 48, 2, 4, 2);
            case "small" -> new ExperimentConfig("small", seed, new Difficulty(2, 2, 1), new Difficulty(2, 4, 1),
                    600, 600, 60, 96, 2, 4, 512,
                    300, 16, 3e-3,
                    24, 8, 4, 4, 1e-4, 1e-3, 1.0,
                    96, 288, 5, 60, 4);
            case "full" -> new ExperimentConfig("full", seed, new Difficulty(2, 2, 1), new Difficulty(2, 4, 1),
                    1000, 1000, 100, 96, 2, 4, 512,
                    500, 16, 3e-3,
                    48, 8, 4, 4, 1e-4, 1e-3, 1.0,
                    96, 288, 5, 100, 4);
            default -> throw new IllegalArgumentException("unknown scale '" + scale + "'; expected tiny, small or full");
        };
    }

    /** Updates of SRL in SRL → RLVR (the rest are RLVR's). */
    public int srlHalf() {
        return steps / 2;
    }
}
