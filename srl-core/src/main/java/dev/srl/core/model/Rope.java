package dev.srl.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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
    private final double theta;
    private final DataType dataType;
    private INDArray cos = null;
    private INDArray sinSigned = null;

    Rope(int headDim, double theta, DataType dataType) {
        this.headDim = headDim;
        this.theta = theta;
        this.dataType = dataType;
        ensure(64);
    }

    /** Grows the tables to cover positions {@code < length}. */
    private void ensure(int length) {
        if (cos != null && cos.size(0) >= length) return;
        int n = Math.max(length, cos == null ? 0 : (int) cos.size(0) * 2);
        int half = headDim / 2;
        double[][] c = new double[n][headDim];
        double[][] s = new double[n][headDim];
        for (int i = 0; i < half; i++) {
            // HF computes inv_freq in float32 (float exponent, float power, float division); doing the same
            // keeps our angles bit-for-bit equal to theirs.
            float exponent = (float) (2 * i) / headDim;
            float power = (float) Math.pow((float) theta, exponent);
            double invFreq = 1.0f / power;
            for (int p = 0; p < n; p++) {
                double angle = p * invFreq;
                double cv = Math.cos(angle), sv = Math.sin(angle);
                c[p][i] = cv;
                c[p][i + half] = cv;
                s[p][i] = -sv;
                s[p][i + half] = sv;
            }
        }
        cos = Nd4j.create(c).castTo(dataType);
        sinSigned = Nd4j.create(s).castTo(dataType);
    }

    /** The tables gathered for each row's position: {@code [N, 1, headDim]} each. */
    record Angles(INDArray cos, INDArray sinSigned) {
    }

    Angles angles(int[] positions) {
        int max = 0;
        for (int p : positions) max = Math.max(max, p);
        ensure(max + 1);
        int n = positions.length;
        return new Angles(Nd4j.pullRows(cos, 1, positions).reshape(n, 1, headDim),
                Nd4j.pullRows(sinSigned, 1, positions).reshape(n, 1, headDim));
    }

    /** Rotates {@code x [N, heads*headDim]} in place. */
    void apply(INDArray x, Angles a) {
        INDArray x3 = x.reshape(x.size(0), x.size(1) / headDim, headDim);
        INDArray swapped = swap(x3);
        x3.muli(a.cos()).addi(swapped.muli(a.sinSigned()));
    }

    /** Back-propagates through {@link #apply} in place: {@code dy} becomes {@code dx}. */
    void backward(INDArray dy, Angles a) {
        INDArray d3 = dy.reshape(dy.size(0), dy.size(1) / headDim, headDim);
        INDArray swapped = swap(d3.mul(a.sinSigned()));
        d3.muli(a.cos()).addi(swapped);
    }

    private INDArray swap(INDArray x3) {
        int half = headDim / 2;
        return Nd4j.concat(2,
                x3.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(half, headDim)),
                x3.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, half)));
    }
}
