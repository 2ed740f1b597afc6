package dev.srl.core.model;

import java.util.List;

/**
 * How to sample a completion.
 *
 * @param maxNewTokens the most tokens to generate per prompt
 * @param temperature  softmax temperature; {@code 0} means greedy (argmax)
 * @param topK         keep only the {@code k} most likely tokens; {@code 0} keeps all
 * @param topP         nucleus sampling: keep the smallest set of tokens whose probability reaches {@code p}; {@code 1} keeps all
 * @param stopIds      token ids that end a completion (included in the output)
 * @param stopStrings  strings that end a completion once the decoded text contains them
 */
public record SamplingParams(int maxNewTokens, double temperature, int topK, double topP,
                             List<Integer> stopIds, List<String> stopStrings) {
    public SamplingParams {
        if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
        if (temperature < 0) throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        if (topK < 0) throw new IllegalArgumentException("topK must be >= 0, got " + topK);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        stopIds = List.copyOf(stopIds);
        stopStrings = List.copyOf(stopStrings);
    }

    /** Greedy decoding of up to {@code maxNewTokens} tokens, stopping at {@code stopIds}. */
    public static SamplingParams greedy(int maxNewTokens, List<Integer> stopIds) {
        return new SamplingParams(maxNewTokens, 0, 0, 1, stopIds, List.of());
    }

    /** Plain sampling at {@code temperature}, stopping at {@code stopIds}. */
    public static SamplingParams sample(int maxNewTokens, double temperature, List<Integer> stopIds) {
        return new SamplingParams(maxNewTokens, temperature, 0, 1, stopIds, List.of());
    }

    public boolean greedy() { return temperature == 0; }
}
