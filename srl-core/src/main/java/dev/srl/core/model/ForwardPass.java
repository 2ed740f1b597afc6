package dev.srl.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The result of a training forward pass over a {@link TokenBatch}; it keeps the activations that
 * {@link #backward} needs, so hold it only until the backward pass is done.
 */
public interface ForwardPass {

    /**
     * {@code [B, T]}: entry {@code (b, t)} is {@code log p(tokens[b][t] | tokens[b][0..t-1])} under the
     * temperature-scaled distribution {@code softmax(logits / temperature)}, for {@code 1 <= t < lengths[b]};
     * column 0 and padded positions are 0.
     */
    INDArray logProbs();

    /** {@code [B, T]}: the entropy of the distribution that predicted position {@code t} (same layout as {@link #logProbs}). */
    INDArray entropy();

    /**
     * Back-propagates {@code dLoss/dLogProbs} ({@code [B, T]}, same layout as {@link #logProbs}; entries at
     * column 0 and padded positions are ignored) and returns {@code dLoss/dParameter} for every parameter,
     * keyed and shaped as {@link PolicyModel#parameters()}.
     */
    Map<String, INDArray> backward(INDArray dLogProbs);
}
