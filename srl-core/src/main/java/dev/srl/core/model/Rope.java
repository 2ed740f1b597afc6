package dev.srl.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rotary position embeddings in the Hugging Face "rotate_half" convention:
 * {@code x' = x * cos + rotate_half(x) * sin}, {@code rotate_half(x) = cat(-x2, x1)},
 * angles {@code pos * theta^(-2i/headDim)} repeated for both halves.
 *
 * <p>Written as {@code x' = x * cos + swap(x) * sinSigned} with {@code swap(x) = cat(x2, x1)} and
 * {@code sinSigned = cat(-sin, sin)}; the transpose of that map gives the backward pass
 * {@code dx = dy * cos + swap(dy * sinSigned)}.
 */
final class Rope {
    private final int headDim;
    private final int heads;
    private final int kvHeads;
    private final double theta;
    private final DataType dataType;
    // [positions, heads*headDim] tables, tiled per head so the rotation is plain elementwise arithmetic
    private INDArray cosQ, sinQ, cosK, sinK;

    Rope(int headDim, int heads, int kvHeads, double theta, DataType dataType) {
        this.headDim = headDim;
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.theta = theta;
        this.dataType = dataType;
        ensure(64);
    }

    /** Grows the tables to cover positions {@code < length}. */
    private void ensure(int length) {
        if (cosQ != null && cosQ.size(0) >= length) return;
        int n = Math.max(length, cosQ == null ? 0 : (int) cosQ.size(0) * 2);
        int half = headDim / 2;
        double[][] c = new double[n][headDim];
        double[][] s = new double[n][headDim];
        for (int i = 0; i < half; i++) {
            double invFreq = inverseFrequency(i, headDim, theta);
            for (int p = 0; p < n; p++) {
                double angle = p * invFreq;
                double cv = Math.cos(angle), sv = Math.sin(angle);
                c[p][i] = cv;
                c[p][i + half] = cv;
                s[p][i] = -sv;
                s[p][i + half] = sv;
            }
        }
        INDArray cos = Nd4j.create(c).castTo(dataType);
        INDArray sinSigned = Nd4j.create(s).castTo(dataType);
        // tile (not repeat): head h's columns h*headDim .. (h+1)*headDim-1 hold the whole table row
        cosQ = Nd4j.tile(cos, 1, heads);
        sinQ = Nd4j.tile(sinSigned, 1, heads);
        cosK = Nd4j.tile(cos, 1, kvHeads);
        sinK = Nd4j.tile(sinSigned, 1, kvHeads);
    }

    /**
     * {@code theta^(-2i/headDim)}, the angle per position of pair {@code i}. HF computes it in float32 (float
     * exponent, float power, float division); doing the same keeps our angles bit-for-bit equal to theirs.
     */
    static double inverseFrequency(int i, int headDim, double theta) {
        float exponent = (float) (2 * i) / headDim;
        float power = (float) Math.pow((float) theta, exponent);
        return 1.0f / power;
    }

    /** The tables gathered for each row's position, for queries {@code [N, heads*headDim]} and keys {@code [N, kvHeads*headDim]}. */
    record Angles(INDArray cosQ, INDArray sinQ, INDArray cosK, INDArray sinK) {
        void free() {
            Free.free(cosQ, sinQ, cosK, sinK);
        }
    }

    synchronized Angles angles(int[] positions) {
        int max = 0;
        for (int p : positions) max = Math.max(max, p);
        ensure(max + 1);
        return new Angles(Nd4j.pullRows(cosQ, 1, positions), Nd4j.pullRows(sinQ, 1, positions),
                Nd4j.pullRows(cosK, 1, positions), Nd4j.pullRows(sinK, 1, positions));
    }

    /** Rotates queries {@code [N, heads*headDim]} in place. */
    void applyQ(INDArray x, Angles a) {
        apply(x, a.cosQ(), a.sinQ());
    }

    /** Rotates keys {@code [N, kvHeads*headDim]} in place. */
    void applyK(INDArray x, Angles a) {
        apply(x, a.cosK(), a.sinK());
    }

    void backwardQ(INDArray dy, Angles a) {
        backward(dy, a.cosQ(), a.sinQ());
    }

    void backwardK(INDArray dy, Angles a) {
        backward(dy, a.cosK(), a.sinK());
    }

    private void apply(INDArray x, INDArray cos, INDArray sinSigned) {
        if (Kernels.vectorOps(x, cos, sinSigned)) {
            VectorOps.rope(x, cos, sinSigned, headDim, false);
            return;
        }
        INDArray swapped = swap(x);
        x.muli(cos).addi(swapped.muli(sinSigned));
        Free.free(swapped);
    }

    /** Back-propagates through {@link #apply} in place: {@code dy} becomes {@code dx}. */
    private void backward(INDArray dy, INDArray cos, INDArray sinSigned) {
        if (Kernels.vectorOps(dy, cos, sinSigned)) {
            VectorOps.rope(dy, cos, sinSigned, headDim, true);
            return;
        }
        INDArray scaled = dy.mul(sinSigned);
        INDArray swapped = swap(scaled);
        dy.muli(cos).addi(swapped);
        Free.free(scaled, swapped);
    }

    /** {@code cat(x2, x1)} within every head of {@code x [N, h*headDim]}, as a new {@code [N, h*headDim]} array. */
    private INDArray swap(INDArray x) {
        // One strided BLAS copy per column of the [N*h, headDim] view; far cheaper than a concat op.
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape());
        int rows = (int) (x.length() / headDim), half = headDim / 2;
        for (int j = 0; j < headDim; j++) {
            Blas.copy(rows, x, (j + half) % headDim, headDim, out, j, headDim);
        }
        return out;
    }
}
