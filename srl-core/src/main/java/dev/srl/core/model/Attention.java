package dev.srl.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Causal grouped-query scaled dot-product attention over a batch of {@code B} rows of {@code T} positions,
 * activations laid out as {@code [B*T, heads*headDim]}. Query head {@code h} reads key/value head
 * {@code h / (heads / kvHeads)}; the products run per (row, head) as BLAS calls on strided slices, so
 * neither a transpose nor a {@code repeat_kv} copy is made, and are spread over the cores
 * ({@link RangeSplitter}; in the backward pass one task per (row, key/value head), the only writer of that
 * head's key and value gradients). The softmax runs as one ND4J op over all {@code [B*heads*T, T]} score rows.
 */
final class Attention {
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final double scale;

    Attention(int heads, int kvHeads, int headDim) {
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.scale = 1.0 / Math.sqrt(headDim);
    }

    /** Activations kept for the backward pass. */
    record Saved(INDArray q, INDArray k, INDArray v, INDArray probs, int batch, int time) {
        void free() {
            Free.free(q, k, v, probs);
        }
    }

    record Output(INDArray out, Saved saved) {
    }

    /** {@code q [B*T, H*Dh]}, {@code k, v [B*T, KV*Dh]} (already rotated) to {@code out [B*T, H*Dh]}. */
    Output forward(INDArray q, INDArray k, INDArray v, int batch, int time) {
        int qw = heads * headDim, kw = kvHeads * headDim, group = heads / kvHeads;
        long tt = (long) time * time;
        // [B*H*T, T]: the rows the softmax runs over; block (b, h) starts at row (b*H + h)*T
        INDArray scores = Nd4j.createUninitialized(q.dataType(), (long) batch * heads * time, time);
        RangeSplitter.shared().run(batch * heads, (from, to) -> {
            for (int bh = from; bh < to; bh++) {
                int b = bh / heads, h = bh % heads, g = h / group;
                Blas.gemm(false, true, time, time, headDim, scale,
                        q, (long) b * time * qw + (long) h * headDim, qw, k, (long) b * time * kw + (long) g * headDim, kw,
                        0, scores, (long) bh * tt, time);
            }
        });
        if (Kernels.vectorOps(scores)) {
            VectorOps.causalSoftmax(scores, time);
        } else {
            INDArray mask = causalMask(time, q);
            scores.reshape((long) batch * heads, tt).addiRowVector(mask);
            Free.free(mask);
            Transforms.softmax(scores, false);
        }
        INDArray probs = scores;
        INDArray out = Nd4j.createUninitialized(q.dataType(), (long) batch * time, qw);
        RangeSplitter.shared().run(batch * heads, (from, to) -> {
            for (int bh = from; bh < to; bh++) {
                int b = bh / heads, h = bh % heads, g = h / group;
                Blas.gemm(false, false, time, headDim, time, 1,
                        probs, (long) bh * tt, time, v, (long) b * time * kw + (long) g * headDim, kw,
                        0, out, (long) b * time * qw + (long) h * headDim, qw);
            }
        });
        return new Output(out, new Saved(q, k, v, probs, batch, time));
    }

    /** Gradients of the rotated q, k and v from {@code dOut [B*T, H*Dh]}. */
    INDArray[] backward(INDArray dOut, Saved s) {
        int batch = s.batch(), time = s.time();
        int qw = heads * headDim, kw = kvHeads * headDim, group = heads / kvHeads;
        long tt = (long) time * time;
        INDArray probs = s.probs();
        INDArray dProbs = Nd4j.createUninitialized(probs.dataType(), probs.shape());
        INDArray dv = Nd4j.zeros(s.v().dataType(), s.v().shape());
        // one task per (row, key/value head): it alone adds into that head's dV (and below dK)
        RangeSplitter.shared().run(batch * kvHeads, (from, to) -> {
            for (int task = from; task < to; task++) {
                int b = task / kvHeads, g = task % kvHeads;
                long rowQ = (long) b * time * qw, rowK = (long) b * time * kw;
                for (int h = g * group; h < (g + 1) * group; h++) {
                    long p = ((long) b * heads + h) * tt;
                    // dP = dO V^T ; dV += P^T dO
                    Blas.gemm(false, true, time, time, headDim, 1,
                            dOut, rowQ + (long) h * headDim, qw, s.v(), rowK + (long) g * headDim, kw,
                            0, dProbs, p, time);
                    Blas.gemm(true, false, time, headDim, time, 1,
                            probs, p, time, dOut, rowQ + (long) h * headDim, qw,
                            1, dv, rowK + (long) g * headDim, kw);
                }
            }
        });
        // softmax backward: dS = P * (dP - rowsum(P * dP)), then the score scale.
        INDArray dScores;
        if (Kernels.vectorOps(probs, dProbs)) {
            VectorOps.softmaxBackward(probs, dProbs, scale);
            dScores = dProbs;
        } else {
            INDArray pdp = dProbs.muli(probs);
            INDArray rowSum = pdp.sum(true, 1);
            INDArray weighted = probs.mulColumnVector(rowSum);
            dScores = pdp.subi(weighted).muli(scale);
            Free.free(rowSum, weighted);
        }
        INDArray dq = Nd4j.createUninitialized(s.q().dataType(), s.q().shape());
        INDArray dk = Nd4j.zeros(s.k().dataType(), s.k().shape());
        RangeSplitter.shared().run(batch * kvHeads, (from, to) -> {
            for (int task = from; task < to; task++) {
                int b = task / kvHeads, g = task % kvHeads;
                long rowQ = (long) b * time * qw, rowK = (long) b * time * kw;
                for (int h = g * group; h < (g + 1) * group; h++) {
                    long p = ((long) b * heads + h) * tt;
                    // dQ = dS K ; dK += dS^T Q
                    Blas.gemm(false, false, time, headDim, time, 1,
                            dScores, p, time, s.k(), rowK + (long) g * headDim, kw,
                            0, dq, rowQ + (long) h * headDim, qw);
                    Blas.gemm(true, false, time, headDim, time, 1,
                            dScores, p, time, s.q(), rowQ + (long) h * headDim, qw,
                            1, dk, rowK + (long) g * headDim, kw);
                }
            }
        });
        Free.free(dProbs);
        return new INDArray[]{dq, dk, dv};
    }

    private static final double MASKED = -1e30;

    private static INDArray causalMask(int time, INDArray like) {
        double[] m = new double[time * time];
        for (int i = 0; i < time; i++) {
            for (int j = i + 1; j < time; j++) m[i * time + j] = MASKED;
        }
        return Nd4j.createFromArray(m).castTo(like.dataType());
    }
}
