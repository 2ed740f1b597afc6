package dev.srl.core.train.grpo;

/**
 * The GRPO/DAPO per-token clipped surrogate with an optional KL penalty, as a pure function of
 * arrays, with its gradient with respect to the current log-probabilities written out by hand.
 *
 * <p>Per token, with {@code r = exp(clamp(logp − old, ±20))} and advantage {@code A}:
 * <pre>
 *   ℓ = −min(r·A, clip(r, 1−ε_low, 1+ε_high)·A) + β·KL(logp, ref)
 *   loss = Σ w·m·ℓ            (w from {@link LossAggregation#weights})
 * </pre>
 * The gradient of the min goes through exactly one branch: when the two are equal (for instance
 * {@code r = 1}, or {@code r} exactly at a clip bound) it is {@code −r·A} once, which is also what
 * PyTorch autograd gives (its tie rule halves the gradient between two branches that then both pass it);
 * when the clipped branch is strictly smaller the clip is active and the gradient is 0. The log-ratio
 * clamp (as verl and OpenRLHF) keeps {@code exp} finite; outside it the gradient is 0. The k3 input
 * {@code ref − logp} is clamped to ±20 the same way.
 *
 * <pre>{@code
 * GrpoLoss.Options o = GrpoLoss.Options.dapo();   // ε 0.2/0.28, β 0
 * double[][] w = LossAggregation.TOKEN_MEAN.weights(mask, 0);
 * GrpoLoss.Result r = GrpoLoss.compute(logp, old, null, GrpoLoss.broadcast(adv, logp[0].length), mask, w, o);
 * // r.gradient()[b][t] = dLoss/dLogp
 * }</pre>
 */
public final class GrpoLoss {
    /** The log-ratio clamp of verl and OpenRLHF. */
    public static final double LOG_RATIO_CLAMP = 20;

    private GrpoLoss() {
    }

    /**
     * @param clipLow   ε_low: the ratio is clipped from below at {@code 1 − clipLow}
     * @param clipHigh  ε_high: clipped from above at {@code 1 + clipHigh} (DAPO's clip-higher uses 0.28)
     * @param beta      KL coefficient β; 0 turns the KL term off (no reference needed)
     * @param estimator which KL estimator
     */
    public record Options(double clipLow, double clipHigh, double beta, KlEstimator estimator) {
        public Options {
            if (!(clipLow >= 0 && clipLow < 1)) throw new IllegalArgumentException("clipLow must be in [0, 1), got " + clipLow);
            if (!(clipHigh >= 0)) throw new IllegalArgumentException("clipHigh must be >= 0, got " + clipHigh);
            if (!(beta >= 0)) throw new IllegalArgumentException("beta must be >= 0, got " + beta);
        }

        /** ε 0.2/0.28, no KL: the DAPO setting. */
        public static Options dapo() { return new Options(0.2, 0.28, 0, KlEstimator.K3); }
    }

    /**
     * @param loss          the aggregated loss
     * @param gradient      {@code [B][T]} dLoss/dLogp (0 where the mask is 0)
     * @param policyLoss    the aggregated surrogate part
     * @param kl            the aggregated KL estimate (not multiplied by β); 0 without a reference
     * @param clipFracLow   fraction of active tokens with {@code A < 0} and {@code r < 1 − ε_low} (clip active, no gradient)
     * @param clipFracHigh  fraction of active tokens with {@code A > 0} and {@code r > 1 + ε_high}
     * @param meanRatio     mean of {@code r} over active tokens
     * @param activeTokens  number of tokens with mask 1
     */
    public record Result(double loss, double[][] gradient, double policyLoss, double kl,
                         double clipFracLow, double clipFracHigh, double meanRatio, long activeTokens) {
    }

    /** Repeats one advantage per sequence over {@code T} positions (the default: one scalar reward per completion). */
    public static double[][] broadcast(double[] perSequence, int length) {
        double[][] a = new double[perSequence.length][length];
        for (int b = 0; b < perSequence.length; b++) java.util.Arrays.fill(a[b], perSequence[b]);
        return a;
    }

    /**
     * Computes the loss and its gradient. All arrays are {@code [B][T]} with the same shape.
     *
     * @param logp       current log-probabilities of the sampled tokens
     * @param old        log-probabilities under the policy that sampled them
     * @param ref        reference log-probabilities, or {@code null} when {@code beta == 0}
     * @param advantages per-token advantages (use {@link #broadcast} for per-sequence ones)
     * @param mask       1 for tokens in the loss, else 0
     * @param weights    aggregation weights from {@link LossAggregation#weights}
     */
    public static Result compute(double[][] logp, double[][] old, double[][] ref, double[][] advantages,
                                 double[][] mask, double[][] weights, Options o) {
        int rows = logp.length;
        if (o.beta() > 0 && ref == null) throw new IllegalArgumentException("beta > 0 needs reference log-probabilities");
        checkShape("old", old, logp);
        checkShape("advantages", advantages, logp);
        checkShape("mask", mask, logp);
        checkShape("weights", weights, logp);
        if (ref != null) checkShape("ref", ref, logp);
        double lo = 1 - o.clipLow();
        double hi = 1 + o.clipHigh();
        double loss = 0, policy = 0, kl = 0, ratioSum = 0;
        long active = 0, clippedLow = 0, clippedHigh = 0;
        double[][] grad = new double[rows][];
        for (int b = 0; b < rows; b++) {
            int len = logp[b].length;
            grad[b] = new double[len];
            for (int t = 0; t < len; t++) {
                if (mask[b][t] == 0) continue;
                double w = weights[b][t] * mask[b][t];
                double a = advantages[b][t];
                double rawLog = logp[b][t] - old[b][t];
                double logRatio = clamp(rawLog, LOG_RATIO_CLAMP);
                boolean ratioPasses = rawLog > -LOG_RATIO_CLAMP && rawLog < LOG_RATIO_CLAMP;
                double r = Math.exp(logRatio);
                double unclipped = r * a;
                double clipped = Math.min(Math.max(r, lo), hi) * a;
                double term;
                double dTerm;
                if (unclipped <= clipped) {     // ties take this branch: gradient counted once
                    term = -unclipped;
                    dTerm = ratioPasses ? -a * r : 0;
                } else {                        // the clip binds: constant in logp
                    term = -clipped;
                    dTerm = 0;
                }
                active++;
                ratioSum += r;
                if (a < 0 && r < lo) clippedLow++;
                if (a > 0 && r > hi) clippedHigh++;
                policy += w * term;
                double l = term;
                if (ref != null) {
                    double rawD = ref[b][t] - logp[b][t];
                    double d = clamp(rawD, LOG_RATIO_CLAMP);
                    boolean dPasses = rawD > -LOG_RATIO_CLAMP && rawD < LOG_RATIO_CLAMP;
                    double k = o.estimator().value(d);
                    kl += w * k;
                    if (o.beta() > 0) {
                        l += o.beta() * k;
                        if (dPasses) dTerm += o.beta() * o.estimator().dValueDLogp(d);
                    }
                }
                loss += w * l;
                grad[b][t] = w * dTerm;
            }
        }
        double n = Math.max(active, 1);
        return new Result(loss, grad, policy, kl, clippedLow / n, clippedHigh / n, ratioSum / n, active);
    }

    private static double clamp(double x, double c) {
        return Math.max(-c, Math.min(c, x));
    }

    private static void checkShape(String name, double[][] a, double[][] like) {
        if (a.length != like.length) throw new IllegalArgumentException(name + " has " + a.length + " rows, expected " + like.length);
        for (int b = 0; b < a.length; b++) {
            if (a[b].length != like[b].length) {
                throw new IllegalArgumentException(name + "[" + b + "] has length " + a[b].length + ", expected " + like[b].length);
            }
        }
    }
}
