package dev.srl.core.train.grpo;

import dev.srl.core.model.SamplingParams;
import dev.srl.core.train.optim.OptimizerConfig;

import java.util.List;

/**
 * Everything a {@link GrpoTrainer} step needs. SRL and RLVR use the same settings; they differ in data and reward.
 *
 * @param groupSize                G, rollouts per prompt (paper: 8)
 * @param promptsPerStep           groups per update batch after dynamic sampling (paper: 512 SRL, 128 RLVR); the batch
 *                                 holds {@code promptsPerStep·G} rollouts, so it is always divisible by G
 * @param maxNewTokens             the generation limit; also the constant of {@link LossAggregation#DR_GRPO_CONSTANT}
 * @param temperature              rollout temperature (paper: 1.0); the training log-probs use the same scaling. Must be > 0
 * @param topK                     rollout top-k (0 = off). Note: the training log-probs do not truncate, so top-k/top-p
 *                                 make the rollouts slightly off-policy
 * @param topP                     rollout nucleus (1 = off)
 * @param stopIds                  ids ending a completion (usually the tokenizer's EOS ids)
 * @param policyIterations         μ, optimizer updates per sampled batch (1: on-policy, the old log-probs are the current ones)
 * @param clipLow                  ε_low (0.2)
 * @param clipHigh                 ε_high (0.2; DAPO's clip-higher uses 0.28)
 * @param beta                     KL coefficient (paper: 0); the reference model is needed only when > 0
 * @param klEstimator              K1 or K3 (K3)
 * @param lossAggregation          TOKEN_MEAN (default), SEQUENCE_MEAN or DR_GRPO_CONSTANT
 * @param advantageScaling         GROUP (default), BATCH or NONE
 * @param advantageEpsilon         added to the std in the advantage denominator (1e-6)
 * @param dynamicSampling          keep only groups whose reward std exceeds {@code dynamicSamplingEpsilon} (paper: on)
 * @param dynamicSamplingEpsilon   the std threshold ε of the paper's rule (not stated in the paper; 1e-4 here)
 * @param maxSamplingRounds        the most sampling rounds per step before training on a short batch (8)
 * @param maskTruncatedCompletions leave completions cut by {@code maxNewTokens} out of the loss (DAPO overlong filtering; off)
 * @param microBatchSize           rollouts per forward/backward (0 = the whole batch); gradients accumulate exactly
 * @param optimizer                AdamW, schedule and clipping (paper: lr 5e-7 constant, clip 1.0)
 * @param seed                     seeds the rollout sampler and the data order
 * @param maxNonFiniteSteps        consecutive steps with NaN/Inf loss or gradients tolerated (skipped) before the run stops
 */
public record GrpoConfig(int groupSize, int promptsPerStep, int maxNewTokens, double temperature, int topK, double topP,
                         List<Integer> stopIds, int policyIterations, double clipLow, double clipHigh, double beta,
                         KlEstimator klEstimator, LossAggregation lossAggregation, AdvantageScaling advantageScaling,
                         double advantageEpsilon, boolean dynamicSampling, double dynamicSamplingEpsilon,
                         int maxSamplingRounds, boolean maskTruncatedCompletions, int microBatchSize,
                         OptimizerConfig optimizer, long seed, int maxNonFiniteSteps) {

    public GrpoConfig {
        stopIds = stopIds == null ? List.of() : List.copyOf(stopIds);
        require(groupSize >= 2, "groupSize", "must be >= 2 (a group of one has no baseline)", groupSize);
        require(promptsPerStep >= 1, "promptsPerStep", "must be >= 1", promptsPerStep);
        require(maxNewTokens >= 1, "maxNewTokens", "must be >= 1", maxNewTokens);
        require(temperature > 0, "temperature", "must be > 0 (greedy rollouts have no spread to learn from)", temperature);
        require(policyIterations >= 1, "policyIterations", "must be >= 1", policyIterations);
        require(maxSamplingRounds >= 1, "maxSamplingRounds", "must be >= 1", maxSamplingRounds);
        require(microBatchSize >= 0, "microBatchSize", "must be >= 0", microBatchSize);
        require(maxNonFiniteSteps >= 1, "maxNonFiniteSteps", "must be >= 1", maxNonFiniteSteps);
        require(advantageEpsilon >= 0, "advantageEpsilon", "must be >= 0", advantageEpsilon);
        if (klEstimator == null) throw new IllegalArgumentException("klEstimator is missing");
        if (lossAggregation == null) throw new IllegalArgumentException("lossAggregation is missing");
        if (advantageScaling == null) throw new IllegalArgumentException("advantageScaling is missing");
        if (optimizer == null) throw new IllegalArgumentException("optimizer is missing");
        new GrpoLoss.Options(clipLow, clipHigh, beta, klEstimator);   // validates the loss settings
        new DynamicSampler(dynamicSampling, dynamicSamplingEpsilon, maxSamplingRounds);
    }

    private static void require(boolean ok, String field, String rule, Object value) {
        if (!ok) throw new IllegalArgumentException(field + " " + rule + ", got " + value);
    }

    /** The paper's SRL settings (App. B.1): G 8, batch 512, temperature 1.0, lr 5e-7 constant, β 0, clip 1.0, dynamic sampling. */
    public static GrpoConfig srlPaper() {
        return new GrpoConfig(8, 512, 512, 1.0, 0, 1.0, List.of(), 1, 0.2, 0.2, 0.0, KlEstimator.K3,
                LossAggregation.TOKEN_MEAN, AdvantageScaling.GROUP, GroupAdvantage.DEFAULT_EPSILON, true, 1e-4, 8,
                false, 8, OptimizerConfig.constant(5e-7), 0, 3);
    }

    /** The paper's RLVR settings: as SRL with batch 128 (DAPO-style filtering of all-correct/all-wrong groups). */
    public static GrpoConfig rlvrPaper() {
        return srlPaper().withPromptsPerStep(128);
    }

    /** A setting for tiny models on a laptop: G 4, 4 groups per step, 64 new tokens, lr 1e-4. */
    public static GrpoConfig small() {
        return new GrpoConfig(4, 4, 64, 1.0, 0, 1.0, List.of(), 1, 0.2, 0.2, 0.0, KlEstimator.K3,
                LossAggregation.TOKEN_MEAN, AdvantageScaling.GROUP, GroupAdvantage.DEFAULT_EPSILON, true, 1e-4, 8,
                false, 0, OptimizerConfig.constant(1e-4), 0, 3);
    }

    public GrpoConfig withPromptsPerStep(int n) {
        return new GrpoConfig(groupSize, n, maxNewTokens, temperature, topK, topP, stopIds, policyIterations, clipLow,
                clipHigh, beta, klEstimator, lossAggregation, advantageScaling, advantageEpsilon, dynamicSampling,
                dynamicSamplingEpsilon, maxSamplingRounds, maskTruncatedCompletions, microBatchSize, optimizer, seed,
                maxNonFiniteSteps);
    }

    /** The rollout sampling parameters. */
    public SamplingParams sampling() {
        return new SamplingParams(maxNewTokens, temperature, topK, topP, stopIds, List.of());
    }

    public GrpoLoss.Options lossOptions() {
        return new GrpoLoss.Options(clipLow, clipHigh, beta, klEstimator);
    }

    public DynamicSampler dynamicSampler() {
        return new DynamicSampler(dynamicSampling, dynamicSamplingEpsilon, maxSamplingRounds);
    }
}
