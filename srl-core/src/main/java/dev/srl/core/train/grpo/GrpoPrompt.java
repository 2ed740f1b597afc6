package dev.srl.core.train.grpo;

/**
 * One training prompt: the rendered, tokenized context and what the reward compares rollouts with.
 *
 * @param id        a stable name for logs and samples (e.g. {@code "s1k-12/step-3"})
 * @param tokens    the prompt's token ids
 * @param reference the expert step (SRL) or gold answer (RLVR) given to the reward functions
 */
public record GrpoPrompt(String id, int[] tokens, String reference) {
    public GrpoPrompt {
        if (tokens.length == 0) throw new IllegalArgumentException("prompt " + id + " has no tokens");
    }
}
