package dev.srl.core.train.grpo;

/**
 * Group-relative advantages: each completion's reward compared with the other completions of the same
 * prompt. Rewards come in consecutive groups of {@code G} (group {@code g} is entries {@code g·G .. g·G+G−1}).
 *
 * <p>{@code A_i = (r_i − mean_g) / (std + ε)} where {@code std} depends on {@link AdvantageScaling}.
 * The standard deviation is the <em>population</em> one (divide by {@code G}, ddof 0), the same statistic
 * the paper's dynamic-sampling rule uses, so "kept by the sampler" and "non-zero advantage" agree;
 * TRL and verl use the Bessel-corrected one, which is larger by {@code sqrt(G/(G−1))} (1.07 at G = 8),
 * a constant factor that the optimizer's step size absorbs. ε defaults to {@value #DEFAULT_EPSILON}
 * (verl's value; TRL uses 1e-4); it only matters for groups with a tiny spread, and a group whose rewards
 * are all equal gets advantage 0 whatever ε is.
 *
 * <pre>{@code
 * double[] adv = GroupAdvantage.compute(new double[] {1, 0, 0, 1}, 2, AdvantageScaling.GROUP);
 * double[] total = GroupAdvantage.weightedSum(new double[][] {similarity, format}, new double[] {1.0, 0.5});
 * }</pre>
 */
public final class GroupAdvantage {
    public static final double DEFAULT_EPSILON = 1e-6;

    private GroupAdvantage() {
    }

    /** {@link #compute(double[], int, AdvantageScaling, double)} with {@link #DEFAULT_EPSILON}. */
    public static double[] compute(double[] rewards, int groupSize, AdvantageScaling scaling) {
        return compute(rewards, groupSize, scaling, DEFAULT_EPSILON);
    }

    /**
     * @param rewards   {@code B·G} rewards, grouped consecutively
     * @param groupSize {@code G}
     * @param scaling   the denominator
     * @param epsilon   added to the standard deviation
     */
    public static double[] compute(double[] rewards, int groupSize, AdvantageScaling scaling, double epsilon) {
        if (groupSize < 1) throw new IllegalArgumentException("groupSize must be >= 1, got " + groupSize);
        if (rewards.length % groupSize != 0) {
            throw new IllegalArgumentException(rewards.length + " rewards do not split into groups of " + groupSize);
        }
        for (int i = 0; i < rewards.length; i++) {
            if (!Double.isFinite(rewards[i])) throw new IllegalArgumentException("reward " + i + " is not finite: " + rewards[i]);
        }
        double[] adv = new double[rewards.length];
        double batchStd = scaling == AdvantageScaling.BATCH ? populationStd(rewards, 0, rewards.length) : 0;
        for (int start = 0; start < rewards.length; start += groupSize) {
            double mean = mean(rewards, start, groupSize);
            double denom = switch (scaling) {
                case GROUP -> populationStd(rewards, start, groupSize) + epsilon;
                case BATCH -> batchStd + epsilon;
                case NONE -> 1;
            };
            for (int i = start; i < start + groupSize; i++) {
                double centred = rewards[i] - mean;
                adv[i] = centred == 0 ? 0 : centred / denom;   // 0/0 with ε = 0 stays 0
            }
        }
        return adv;
    }

    /** {@code total_i = Σ_k weights[k]·perFunction[k][i]}: several reward functions combined before grouping. */
    public static double[] weightedSum(double[][] perFunction, double[] weights) {
        if (perFunction.length != weights.length) {
            throw new IllegalArgumentException(perFunction.length + " reward columns but " + weights.length + " weights");
        }
        if (perFunction.length == 0) throw new IllegalArgumentException("no reward functions");
        double[] total = new double[perFunction[0].length];
        for (int k = 0; k < perFunction.length; k++) {
            if (perFunction[k].length != total.length) throw new IllegalArgumentException("reward column " + k + " has a different length");
            for (int i = 0; i < total.length; i++) total[i] += weights[k] * perFunction[k][i];
        }
        return total;
    }

    /** The mean of {@code x[start .. start+n-1]}. */
    public static double mean(double[] x, int start, int n) {
        double s = 0;
        for (int i = start; i < start + n; i++) s += x[i];
        return s / n;
    }

    /** {@code sqrt(Σ (x − mean)² / n)} over {@code x[start .. start+n-1]} (ddof 0). */
    public static double populationStd(double[] x, int start, int n) {
        double m = mean(x, start, n);
        double s = 0;
        for (int i = start; i < start + n; i++) s += (x[i] - m) * (x[i] - m);
        return Math.sqrt(s / n);
    }
}
