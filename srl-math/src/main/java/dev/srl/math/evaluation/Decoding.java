package dev.srl.math.evaluation;

import dev.srl.core.model.Completion;
import dev.srl.core.model.PolicyModel;
import dev.srl.core.model.SamplingParams;
import dev.srl.core.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Batched generation that returns text: prompts are cut into chunks so memory stays flat; the final stop token is dropped. */
final class Decoding {
    private Decoding() {
    }

    static List<String> generate(PolicyModel policy, Tokenizer tokenizer, List<int[]> prompts, SamplingParams params,
                                 Random rng, int chunk) {
        List<String> out = new ArrayList<>(prompts.size());
        for (int from = 0; from < prompts.size(); from += chunk) {
            List<int[]> part = prompts.subList(from, Math.min(prompts.size(), from + chunk));
            for (Completion c : policy.sample(part, params, rng)) out.add(tokenizer.decode(withoutStop(c, params)));
            // ND4J frees native buffers only when their Java objects are collected; collect now so memory stays flat.
            System.gc();
        }
        return out;
    }

    private static int[] withoutStop(Completion c, SamplingParams params) {
        int[] t = c.tokens();
        if (c.finishReason() == Completion.FinishReason.STOP_TOKEN && t.length > 0
                && params.stopIds().contains(t[t.length - 1])) {
            return Arrays.copyOf(t, t.length - 1);
        }
        return t;
    }
}
