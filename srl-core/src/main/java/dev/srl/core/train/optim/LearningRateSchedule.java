package dev.srl.core.train.optim;

/**
 * The learning rate as a function of the optimizer update index {@code step} (0 for the first update).
 *
 * <pre>{@code
 * LearningRateSchedule s = LearningRateSchedule.warmupCosine(5e-6, 30, 100, 0.0);  // paper SFT: cosine, warmup ratio 0.3
 * double lr = s.at(opt.stepCount());
 * }</pre>
 */
public sealed interface LearningRateSchedule {

    double at(long step);

    static LearningRateSchedule constant(double lr) { return new Constant(lr); }

    static LearningRateSchedule warmupCosine(double peak, long warmupSteps, long totalSteps, double floor) {
        return new WarmupCosine(peak, warmupSteps, totalSteps, floor);
    }

    /** A fixed rate (the paper's GRPO/SRL runs). */
    record Constant(double lr) implements LearningRateSchedule {
        public Constant {
            if (!(lr >= 0)) throw new IllegalArgumentException("lr must be >= 0, got " + lr);
        }

        @Override
        public double at(long step) { return lr; }
    }

    /**
     * Linear warmup from {@code peak/warmupSteps} to {@code peak} over {@code warmupSteps} updates, then a half
     * cosine from {@code peak} down to {@code floor} at {@code totalSteps}; {@code floor} after that.
     */
    record WarmupCosine(double peak, long warmupSteps, long totalSteps, double floor) implements LearningRateSchedule {
        public WarmupCosine {
            if (!(peak >= 0)) throw new IllegalArgumentException("peak lr must be >= 0, got " + peak);
            if (warmupSteps < 0 || totalSteps < 1 || warmupSteps > totalSteps) {
                throw new IllegalArgumentException("need 0 <= warmupSteps <= totalSteps and totalSteps >= 1, got warmup "
                        + warmupSteps + ", total " + totalSteps);
            }
            if (!(floor >= 0 && floor <= peak)) throw new IllegalArgumentException("floor must be in [0, peak], got " + floor);
        }

        @Override
        public double at(long step) {
            if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
            if (totalSteps == warmupSteps) return floor;
            double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
            return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
        }
    }
}
