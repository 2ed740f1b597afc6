package dev.srl.core.model;

/**
 * One sampled continuation of a prompt.
 *
 * @param tokens       the new token ids (a stop id, if hit, is the last one)
 * @param logProbs     the log-probability of each new token under the distribution it was sampled from
 *                     (temperature-scaled; for greedy decoding, temperature 1)
 * @param finishReason why generation ended
 */
public record Completion(int[] tokens, float[] logProbs, FinishReason finishReason) {

    /** Why a completion ended. */
    public enum FinishReason {
        /** A stop id was generated. */
        STOP_TOKEN,
        /** A stop string appeared in the decoded text. */
        STOP_STRING,
        /** The token limit was reached: the completion is truncated. */
        LENGTH
    }

    public boolean truncated() { return finishReason == FinishReason.LENGTH; }
}
