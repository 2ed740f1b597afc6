package dev.srl.core.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The decode step's products {@code y = x · Wᵀ} for a few rows of {@code x}, written with the JDK's vector
 * API ({@code jdk.incubator.vector}). With a handful of rows a product is a stream over the weight matrix:
 * OpenBLAS packs the weight panel first, which costs as much as the arithmetic, so at 8 rows it reaches
 * about half the speed of this loop, which reads each weight row once and multiplies it into four rows of
 * {@code x} held in registers.
 *
 * <p>Only loaded when {@link Kernels#VECTOR} is true: the module must be resolved at start-up
 * ({@code --add-modules jdk.incubator.vector}, which {@code bin/srl} passes).
 */
final class VectorKernels {
    private static final VectorSpecies<Float> S = VectorMath.S;

    private VectorKernels() {
    }

    /**
     * {@code y[r, j] = Σ_i x[r, i] · w[j, i]} for rows {@code r < m} and columns {@code from <= j < to}; all
     * arrays row-major and dense ({@code x [m, k]}, {@code w [n, k]}, {@code y [m, n]}).
     */
    static void timesTransposed(float[] x, int m, int k, float[] w, int n, float[] y, int from, int to) {
        // Column tiles of about 64 KB of weights: a tile is read from memory once and from cache by the
        // other row blocks, so more than four rows do not multiply the memory traffic.
        int tile = Math.max(1, TILE_FLOATS / k);
        for (int j = from; j < to; j += tile) {
            int end = Math.min(to, j + tile);
            int r = 0;
            for (; r + 4 <= m; r += 4) fourRows(x, r, k, w, n, y, j, end);
            for (; r < m; r++) oneRow(x, r, k, w, n, y, j, end);
        }
    }

    private static final int TILE_FLOATS = 16 * 1024;

    private static void fourRows(float[] x, int r, int k, float[] w, int n, float[] y, int from, int to) {
        int len = S.length(), body = k - k % len;
        int x0 = r * k, x1 = x0 + k, x2 = x1 + k, x3 = x2 + k;
        for (int j = from; j < to; j++) {
            FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            int wj = j * k;
            for (int i = 0; i < body; i += len) {
                FloatVector wv = FloatVector.fromArray(S, w, wj + i);
                a0 = FloatVector.fromArray(S, x, x0 + i).fma(wv, a0);
                a1 = FloatVector.fromArray(S, x, x1 + i).fma(wv, a1);
                a2 = FloatVector.fromArray(S, x, x2 + i).fma(wv, a2);
                a3 = FloatVector.fromArray(S, x, x3 + i).fma(wv, a3);
            }
            float s0 = VectorMath.sum(a0), s1 = VectorMath.sum(a1);
            float s2 = VectorMath.sum(a2), s3 = VectorMath.sum(a3);
            for (int i = body; i < k; i++) {
                float wi = w[wj + i];
                s0 += x[x0 + i] * wi;
                s1 += x[x1 + i] * wi;
                s2 += x[x2 + i] * wi;
                s3 += x[x3 + i] * wi;
            }
            y[r * n + j] = s0;
            y[(r + 1) * n + j] = s1;
            y[(r + 2) * n + j] = s2;
            y[(r + 3) * n + j] = s3;
        }
    }

    private static void oneRow(float[] x, int r, int k, float[] w, int n, float[] y, int from, int to) {
        int len = S.length(), body = k - k % len, x0 = r * k;
        for (int j = from; j < to; j++) {
            FloatVector a = FloatVector.zero(S);
            int wj = j * k;
            for (int i = 0; i < body; i += len) {
                a = FloatVector.fromArray(S, x, x0 + i).fma(FloatVector.fromArray(S, w, wj + i), a);
            }
            float s = VectorMath.sum(a);
            for (int i = body; i < k; i++) s += x[x0 + i] * w[wj + i];
            y[r * n + j] = s;
        }
    }
}
