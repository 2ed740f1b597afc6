package dev.srl.core.train.optim;

/**
 * Optimizer, schedule and clipping settings shared by the trainers.
 *
 * @param lr                  peak learning rate (paper: 5e-7 for GRPO/SRL, 5e-6 for SFT)
 * @param beta1               AdamW β1 (0.9)
 * @param beta2               AdamW β2 (0.999)
 * @param eps                 AdamW ε (1e-8)
 * @param weightDecay         decoupled weight decay (0.0; verl uses 0.01)
 * @param decayOneDimensional whether norm gains and biases decay too (false; see {@link AdamW})
 * @param maxGradNorm         global-norm clip (paper: 1.0); 0 disables it
 * @param schedule            {@code CONSTANT} (paper GRPO/SRL) or {@code COSINE} (linear warmup, then cosine to {@code minLr})
 * @param warmupSteps         warmup updates of {@code COSINE}
 * @param totalSteps          the update at which {@code COSINE} reaches {@code minLr}
 * @param minLr               the floor of {@code COSINE}
 */
public record OptimizerConfig(double lr, double beta1, double beta2, double eps, double weightDecay,
                              boolean decayOneDimensional, double maxGradNorm, Schedule schedule,
                              long warmupSteps, long totalSteps, double minLr) {

    /** The kinds of learning-rate schedule. */
    public enum Schedule { CONSTANT, COSINE }

    public OptimizerConfig {
        if (!(lr >= 0)) throw new IllegalArgumentException("optimizer.lr must be >= 0, got " + lr);
        if (!(maxGradNorm >= 0)) throw new IllegalArgumentException("optimizer.maxGradNorm must be >= 0, got " + maxGradNorm);
        if (schedule == null) throw new IllegalArgumentException("optimizer.schedule is missing");
        new AdamW.Settings(beta1, beta2, eps, weightDecay, decayOneDimensional);   // validates
        if (schedule == Schedule.COSINE) LearningRateSchedule.warmupCosine(lr, warmupSteps, totalSteps, minLr);
    }

    /** Constant {@code lr}, AdamW defaults, clip 1.0. */
    public static OptimizerConfig constant(double lr) {
        return new OptimizerConfig(lr, 0.9, 0.999, 1e-8, 0.0, false, 1.0, Schedule.CONSTANT, 0, 1, 0);
    }

    /** Linear warmup then cosine to {@code minLr}, AdamW defaults, clip 1.0. */
    public static OptimizerConfig cosine(double lr, long warmupSteps, long totalSteps, double minLr) {
        return new OptimizerConfig(lr, 0.9, 0.999, 1e-8, 0.0, false, 1.0, Schedule.COSINE, warmupSteps, totalSteps, minLr);
    }

    public AdamW.Settings adamW() {
        return new AdamW.Settings(beta1, beta2, eps, weightDecay, decayOneDimensional);
    }

    public LearningRateSchedule learningRateSchedule() {
        return switch (schedule) {
            case CONSTANT -> LearningRateSchedule.constant(lr);
            case COSINE -> LearningRateSchedule.warmupCosine(lr, warmupSteps, totalSteps, minLr);
        };
    }
}
