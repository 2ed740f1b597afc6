package dev.srl.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Optimizer updates fused into one pass over a parameter's memory (JDK vector API), for optimizers that keep
 * their state in ND4J arrays. A chain of ND4J operations reads and writes the four arrays about ten times;
 * this reads each once. Each method returns {@code false}, doing nothing, when it cannot run here (not all
 * FLOAT, or {@code jdk.incubator.vector} not enabled), and the caller then uses its ND4J operations.
 *
 * <pre>{@code
 * if (!FusedUpdates.adamW(p, g, m, v, 0.9, 0.999, 1e-8, 0.01, lr, step)) { ... ND4J ops ... }
 * }</pre>
 */
public final class FusedUpdates {
    private FusedUpdates() {
    }

    /**
     * AdamW with bias correction at step {@code step} (1-based), decoupled weight decay {@code weightDecay}
     * (0 for none): {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
     * {@code p = p (1 - lr wd) - (lr / (1-b1^t)) m / (sqrt(v) / sqrt(1-b2^t) + eps)}; {@code m}, {@code v},
     * {@code p} in place.
     */
    public static boolean adamW(INDArray p, INDArray g, INDArray m, INDArray v, double beta1, double beta2, double eps,
                                double weightDecay, double lr, long step) {
        if (!Kernels.vectorOps(p, g, m, v) || p.length() != g.length() || p.length() != m.length() || p.length() != v.length()) {
            return false;
        }
        double bc1 = 1 - Math.pow(beta1, step), bc2 = 1 - Math.pow(beta2, step);
        VectorOps.adamW(p, g, m, v, (float) beta1, (float) beta2, (float) eps,
                (float) (1 - lr * weightDecay), (float) (lr / bc1), (float) Math.sqrt(bc2));
        return true;
    }
}
