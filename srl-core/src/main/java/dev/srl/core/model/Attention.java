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
        int qw = heads * headDim, kw = kvHeads * headDim;
        long tt = (long) time * time;
        // [B*H*T, T]: the rows the softmax runs over; block (b, h) starts at row (b*H + h)*T
        INDArray scores = Nd4j.createUninitialized(q.dataType(), (long) batch * heads * time, time);
        perKvHead(batch, time, (qh, kh, p) -> Blas.gemm(false, true, time, time, headDim, scale, q, qh, qw, k, kh, kw, 0, scores, p, time));
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
        perKvHead(batch, time, (qh, kh, p) -> Blas.gemm(false, false, time, headDim, time, 1, probs, p, time, v, kh, kw, 0, out, qh, qw));
        return new Output(out, new Saved(q, k, v, probs, batch, time));
    }

    /** Gradients of the rotated q, k and v from {@code dOut [B*T, H*Dh]}. */
    INDArray[] backward(INDArray dOut, Saved s) {
        int batch = s.batch(), time = s.time();
        int qw = heads * headDim, kw = kvHeads * headDim;
        INDArray probs = s.probs();
        INDArray dProbs = Nd4j.createUninitialized(probs.dataType(), probs.shape());
        INDArray dv = Nd4j.zeros(s.v().dataType(), s.v().shape());
        // one task per (row, key/value head): it alone adds into that head's dV (and below dK)
        perKvHead(batch, time, (qh, kh, p) -> {
            // dP = dO V^T ; dV += P^T dO
            Blas.gemm(false, true, time, time, headDim, 1, dOut, qh, qw, s.v(), kh, kw, 0, dProbs, p, time);
            Blas.gemm(true, false, time, headDim, time, 1, probs, p, time, dOut, qh, qw, 1, dv, kh, kw);
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
        perKvHead(batch, time, (qh, kh, p) -> {
            // dQ = dS K ; dK += dS^T Q
            Blas.gemm(false, false, time, headDim, time, 1, dScores, p, time, s.k(), kh, kw, 0, dq, qh, qw);
            Blas.gemm(true, false, time, headDim, time, 1, dScores, p, time, s.q(), qh, qw, 1, dk, kh, kw);
        });
        Free.free(dProbs);
        return new INDArray[]{dq, dk, dv};
    }

    /** Where one query head's work lies: its first query column, its key/value head's first column, its score block. */
    private interface HeadBody {
        void run(long queryOffset, long keyOffset, long scoreOffset);
    }

    /**
     * Runs {@code body} for every (row, query head), one task per (row, key/value head) spread over the cores: a
     * task is then the only writer of its key/value head's gradient columns.
     */
    private void perKvHead(int batch, int time, HeadBody body) {
        int qw = heads * headDim, kw = kvHeads * headDim, group = heads / kvHeads;
        long tt = (long) time * time;
        RangeSplitter.shared().run(batch * kvHeads, (from, to) -> {
            for (int task = from; task < to; task++) {
                int b = task / kvHeads, g = task % kvHeads;
                long kh = (long) b * time * kw + (long) g * headDim;
                for (int h = g * group; h < (g + 1) * group; h++) {
                    body.run((long) b * time * qw + (long) h * headDim, kh, ((long) b * heads + h) * tt);
                }
            }
        });
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
