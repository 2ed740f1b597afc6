package dev.srl.core.reward;

/**
 * What a reward function sees of one rollout.
 *
 * @param completion the model's generated text
 * @param reference  what it is compared with: the expert's step (SRL) or the gold answer (RLVR)
 */
public record RewardRequest(String completion, String reference) {
}
