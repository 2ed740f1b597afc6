package dev.srl.core.train.sft;

import dev.srl.core.train.optim.OptimizerConfig;

/**
 * Settings of an {@link SftTrainer}.
 *
 * @param batchSize         examples per update (paper: 64)
 * @param microBatchSize    examples per forward/backward (0 = the whole batch); gradients accumulate exactly
 * @param optimizer         AdamW, schedule and clipping (paper: lr 5e-6, cosine, warmup ratio 0.3)
 * @param seed              seeds the data order
 * @param validateEvery     compute the validation loss every this many steps (0 = never)
 * @param maxNonFiniteSteps consecutive NaN/Inf steps tolerated (skipped) before the run stops
 */
public record SftConfig(int batchSize, int microBatchSize, OptimizerConfig optimizer, long seed, int validateEvery,
                        int maxNonFiniteSteps) {
    public SftConfig {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        if (microBatchSize < 0) throw new IllegalArgumentException("microBatchSize must be >= 0, got " + microBatchSize);
        if (validateEvery < 0) throw new IllegalArgumentException("validateEvery must be >= 0, got " + validateEvery);
        if (maxNonFiniteSteps < 1) throw new IllegalArgumentException("maxNonFiniteSteps must be >= 1, got " + maxNonFiniteSteps);
        if (optimizer == null) throw new IllegalArgumentException("optimizer is missing");
    }

    /** The paper's SFT settings for {@code totalSteps} updates: batch 64, lr 5e-6, cosine with warmup ratio 0.3. */
    public static SftConfig paper(long totalSteps) {
        return new SftConfig(64, 8, OptimizerConfig.cosine(5e-6, Math.round(0.3 * totalSteps), totalSteps, 0), 0, 50, 3);
    }

    /** Tiny models: batch 8, lr 1e-3 constant. */
    public static SftConfig small() {
        return new SftConfig(8, 0, OptimizerConfig.constant(1e-3), 0, 10, 3);
    }
}
