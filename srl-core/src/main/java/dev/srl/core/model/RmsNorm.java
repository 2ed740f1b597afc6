package dev.srl.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Root-mean-square normalization over the last axis: {@code y = w * x / sqrt(mean(x^2) + eps)}, on rows
 * {@code [N, d]}. In float with the vector module, one fused pass ({@link VectorOps}); otherwise ND4J operations.
 */
final class RmsNorm {
    private RmsNorm() {
    }

    /** What the backward pass needs: the input and the per-row inverse RMS {@code [N, 1]}. */
    record Saved(INDArray x, INDArray invRms) {
        void free() {
            Free.free(x, invRms);
        }
    }

    record Output(INDArray y, Saved saved) {
    }

    static Output forward(INDArray x, INDArray weight, double eps) {
        if (Kernels.vectorOps(x, weight)) {
            INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
            INDArray invRms = Nd4j.createUninitialized(x.dataType(), x.size(0), 1);
            VectorOps.rmsNorm(x, weight, eps, y, invRms);
            return new Output(y, new Saved(x, invRms));
        }
        INDArray squares = x.mul(x);
        INDArray invRms = squares.mean(true, 1);
        Free.free(squares);
        invRms.addi(eps);
        Transforms.sqrt(invRms, false).rdivi(1.0);
        INDArray y = x.mulColumnVector(invRms).muliRowVector(weight);
        return new Output(y, new Saved(x, invRms));
    }

    /**
     * Returns {@code dL/dx} and adds {@code dL/dw} into {@code dWeight}.
     * With {@code g = dy * w}: {@code dx = r * g - x * r^3 * mean(g * x)}.
     */
    static INDArray backward(INDArray dy, Saved s, INDArray weight, INDArray dWeight) {
        if (Kernels.vectorOps(dy, s.x(), weight, dWeight)) {
            INDArray dx = Nd4j.createUninitialized(dy.dataType(), dy.shape());
            VectorOps.rmsNormBackward(dy, s.x(), s.invRms(), weight, dx, dWeight);
            return dx;
        }
        INDArray xr = s.x().mulColumnVector(s.invRms());
        INDArray dyXr = dy.mul(xr);
        INDArray colSum = dyXr.sum(0);
        dWeight.addi(colSum);
        Free.free(xr, dyXr, colSum);
        INDArray g = dy.mulRowVector(weight);
        INDArray gx = g.mul(s.x());
        INDArray meanGx = gx.mean(true, 1);
        INDArray r3 = s.invRms().mul(s.invRms()).muli(s.invRms());
        meanGx.muli(r3);
        INDArray correction = s.x().mulColumnVector(meanGx);
        Free.free(gx, r3, meanGx);
        // dx = r*g - x*(r^3*mean(gx))
        g.muliColumnVector(s.invRms()).subi(correction);
        Free.free(correction);
        return g;
    }
}
