package dev.srl.math.evaluation;

import dev.srl.core.model.Completion;
import dev.srl.core.model.ForwardPass;
import dev.srl.core.model.PolicyModel;
import dev.srl.core.model.SamplingParams;
import dev.srl.core.model.TokenBatch;
import dev.srl.core.tokenizer.Tokenizer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/** A policy that answers each prompt (decoded to text) with a scripted response, ended by the first stop id. */
final class ScriptedPolicy implements PolicyModel {
    private final Tokenizer tokenizer;
    private final Function<String, String> script;
    final List<String> prompts = new ArrayList<>();

    ScriptedPolicy(Tokenizer tokenizer, Function<String, String> script) {
        this.tokenizer = tokenizer;
        this.script = script;
    }

    @Override
    public Map<String, INDArray> parameters() {
        return Map.of();
    }

    @Override
    public ForwardPass forward(TokenBatch batch, double temperature) {
        throw new UnsupportedOperationException("sampling only");
    }

    @Override
    public List<Completion> sample(List<int[]> in, SamplingParams params, Random rng) {
        List<Completion> out = new ArrayList<>();
        for (int[] p : in) {
            String prompt = tokenizer.decode(p);
            prompts.add(prompt);
            int[] body = tokenizer.encode(script.apply(prompt));
            int[] t = java.util.Arrays.copyOf(body, body.length + 1);
            t[body.length] = params.stopIds().get(0);
            out.add(new Completion(t, new float[t.length], Completion.FinishReason.STOP_TOKEN));
        }
        return out;
    }
}
