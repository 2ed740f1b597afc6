package dev.srl.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/** What every forward pass of the {@link Transformer} hands out: log-probs, entropies, and an early release. */
abstract class PassOutputs implements ForwardPass {
    private INDArray logProbs;
    private INDArray entropy;

    /** Sets the {@code [B, T]} log-probs and entropies (once, from the subclass's constructor). */
    final void outputs(INDArray logProbs, INDArray entropy) {
        this.logProbs = logProbs;
        this.entropy = entropy;
    }

    @Override
    public final INDArray logProbs() {
        return logProbs;
    }

    @Override
    public final INDArray entropy() {
        return entropy;
    }

    /** Releases the activations at once (no backward pass will follow). */
    abstract void release();
}
