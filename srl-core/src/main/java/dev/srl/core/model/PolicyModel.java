package dev.srl.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A trainable causal language model as the trainers see it: named parameters, a training forward pass
 * with an explicit backward pass, and batched sampling. The transformer implements it; tests may use
 * tiny tabular models with the same contract.
 *
 * <pre>{@code
 * ForwardPass fp = policy.forward(TokenBatch.pad(rows, padId), 1.0);
 * Map<String, INDArray> grads = fp.backward(dLossDLogProbs);
 * List<Completion> outs = policy.sample(prompts, SamplingParams.sample(64, 1.0, eos), new Random(7));
 * }</pre>
 */
public interface PolicyModel {

    /** The trainable parameters by name, in a stable order; the arrays are live (updates change the model). */
    Map<String, INDArray> parameters();

    /** A training forward pass; see {@link ForwardPass#logProbs()} for the layout. */
    ForwardPass forward(TokenBatch batch, double temperature);

    /**
     * The log-probs of {@link #forward} when no backward pass will follow (old-policy and reference log-probs,
     * validation, scoring); implementations may free their activations at once.
     */
    default INDArray logProbs(TokenBatch batch, double temperature) {
        return forward(batch, temperature).logProbs();
    }

    /** Samples one completion per prompt (prompts may differ in length). */
    List<Completion> sample(List<int[]> prompts, SamplingParams params, Random rng);
}
