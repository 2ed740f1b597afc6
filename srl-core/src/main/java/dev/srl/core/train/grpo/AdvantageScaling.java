package dev.srl.core.train.grpo;

/** How {@link GroupAdvantage} scales the centred rewards {@code r − mean(group)}. */
public enum AdvantageScaling {
    /** Divide by the group's standard deviation (GRPO, the paper's {@code Â}). */
    GROUP,
    /** Divide by the standard deviation of the whole batch, keeping the group mean ("Lite PPO"). */
    BATCH,
    /** Do not divide (Dr. GRPO): only the group mean is removed. */
    NONE
}
