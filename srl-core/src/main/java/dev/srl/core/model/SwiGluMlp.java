package dev.srl.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Swish;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The SwiGLU feed-forward layer: {@code down(silu(gate(x)) * up(x))}, rows {@code [N, d]}. */
final class SwiGluMlp {
    private SwiGluMlp() {
    }

    record Saved(INDArray x, INDArray gate, INDArray up, INDArray act) {
        void free() {
            Free.free(x, gate, up, act);
        }
    }

    record Output(INDArray y, Saved saved) {
    }

    static Output forward(INDArray x, INDArray wGate, INDArray wUp, INDArray wDown) {
        INDArray gate = Blas.timesTransposed(x, wGate);
        INDArray up = Blas.timesTransposed(x, wUp);
        INDArray act;
        if (Kernels.vectorOps(gate, up)) {
            act = Nd4j.createUninitialized(gate.dataType(), gate.shape());
            VectorOps.swiGlu(gate, up, act);
        } else {
            act = Nd4j.exec(new Swish(gate, Nd4j.createUninitialized(gate.dataType(), gate.shape()))).muli(up);
        }
        return new Output(Blas.timesTransposed(act, wDown), new Saved(x, gate, up, act));
    }

    /** Returns {@code dL/dx}; adds the three weight gradients into {@code dGate, dUp, dDown}. */
    static INDArray backward(INDArray dy, Saved s, INDArray wGate, INDArray wUp, INDArray wDown,
                             INDArray dGate, INDArray dUp, INDArray dDown) {
        Blas.weightGrad(dy, s.act(), 1, dDown);
        INDArray dAct = org.nd4j.linalg.factory.Nd4j.createUninitialized(s.act().dataType(), s.act().shape());
        Blas.times(dy, wDown, 0, dAct);
        INDArray dUpAct, dGateAct;
        if (Kernels.vectorOps(dAct, s.gate(), s.up())) {
            dUpAct = Nd4j.createUninitialized(dAct.dataType(), dAct.shape());
            VectorOps.swiGluBackward(dAct, s.gate(), s.up(), dUpAct);
            dGateAct = dAct;
        } else {
            INDArray sig = Transforms.sigmoid(s.gate(), true);
            dUpAct = dAct.mul(s.gate()).muli(sig);
            // silu'(z) = sig(z) * (1 + z * (1 - sig(z)))
            INDArray dSilu = sig.rsub(1).muli(s.gate()).addi(1).muli(sig);
            dGateAct = dAct.muli(s.up()).muli(dSilu);
            Free.free(sig, dSilu);
        }
        Blas.weightGrad(dUpAct, s.x(), 1, dUp);
        Blas.weightGrad(dGateAct, s.x(), 1, dGate);
        INDArray dx = org.nd4j.linalg.factory.Nd4j.createUninitialized(s.x().dataType(), s.x().shape());
        Blas.times(dGateAct, wGate, 0, dx);
        Blas.times(dUpAct, wUp, 1, dx);
        Free.free(dUpAct, dGateAct);
        return dx;
    }
}
