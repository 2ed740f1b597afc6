package dev.srl.core.train.grpo;

import dev.srl.core.reward.RewardFunction;

/**
 * A reward function and its weight in the total reward {@code Σ_k w_k·r_k}.
 *
 * <pre>{@code
 * List<WeightedReward> rewards = List.of(new WeightedReward(new StepSimilarityReward(), 1.0));
 * }</pre>
 */
public record WeightedReward(RewardFunction function, double weight) {
    public WeightedReward {
        if (function == null) throw new IllegalArgumentException("reward function is null");
        if (!Double.isFinite(weight)) throw new IllegalArgumentException("weight of " + function.name() + " is not finite");
    }
}
