package dev.srl.core.train.grpo;

/**
 * Per-token estimators of {@code KL(π_θ ‖ π_ref)} from samples of π_θ, with {@code d = ref − logp}
 * (both log-probabilities of the sampled token).
 */
public enum KlEstimator {
    /** {@code k1 = logp − ref = −d}: unbiased, high variance, can be negative per token. */
    K1,
    /** {@code k3 = exp(d) − d − 1}: unbiased, never negative, low variance (Schulman's estimator; TRL's only one). */
    K3;

    /** The value at {@code d = ref − logp}. */
    public double value(double d) {
        return this == K1 ? -d : Math.exp(d) - d - 1;
    }

    /** The derivative with respect to {@code logp} (note {@code ∂d/∂logp = −1}). */
    public double dValueDLogp(double d) {
        return this == K1 ? 1 : 1 - Math.exp(d);
    }
}
