package dev.srl.core.train.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Global-norm gradient clipping, as {@code torch.nn.utils.clip_grad_norm_}: if the L2 norm of all gradients
 * together exceeds {@code maxNorm}, every gradient is scaled by {@code maxNorm / (norm + 1e-6)}.
 *
 * <pre>{@code
 * double norm = GradientClipping.clipGlobalNorm(grads, 1.0);   // the norm before clipping; NaN/Inf if a gradient is
 * }</pre>
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** The global L2 norm, accumulated in double. */
    public static double globalNorm(Map<String, INDArray> grads) {
        double sq = 0;
        for (INDArray g : grads.values()) {
            double n = g.norm2Number().doubleValue();
            sq += n * n;
        }
        return Math.sqrt(sq);
    }

    /**
     * Clips in place and returns the norm before clipping. A non-finite norm is returned as it is and the
     * gradients are left alone, so the caller can skip the step. {@code maxNorm <= 0} disables clipping.
     */
    public static double clipGlobalNorm(Map<String, INDArray> grads, double maxNorm) {
        double norm = globalNorm(grads);
        if (maxNorm > 0 && Double.isFinite(norm) && norm > maxNorm) {
            double scale = maxNorm / (norm + 1e-6);
            for (INDArray g : grads.values()) g.muli(scale);
        }
        return norm;
    }
}
