package dev.srl.core.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The decode step's vector-API products against plain double arithmetic, and decoding with and without them. */
class VectorKernelsTest {
    @Test
    void productsMatchDoubleArithmetic() {
        assumeTrue(Kernels.VECTOR, "needs --add-modules jdk.incubator.vector (set by the build)");
        Random rng = new Random(3);
        for (int m : new int[]{1, 3, 4, 5, 8, 9}) {
            for (int k : new int[]{1, 15, 16, 17, 48, 344}) {
                int n = 1 + rng.nextInt(40);
                float[] x = random(rng, m * k), w = random(rng, n * k), y = new float[m * n];
                int from = rng.nextInt(n), to = from + rng.nextInt(n - from + 1);
                VectorKernels.timesTransposed(x, m, k, w, n, y, from, to);
                for (int r = 0; r < m; r++) {
                    for (int j = 0; j < n; j++) {
                        double expected = 0;
                        if (j >= from && j < to) for (int i = 0; i < k; i++) expected += (double) x[r * k + i] * w[j * k + i];
                        assertEquals(expected, y[r * n + j], 1e-5 * Math.sqrt(k), "m " + m + " k " + k + " r " + r + " j " + j);
                    }
                }
            }
        }
    }

    @Test
    void decodingWithTheKernelsEqualsDecodingWithOpenBlas() {
        assumeTrue(Kernels.VECTOR, "needs --add-modules jdk.incubator.vector (set by the build)");
        List<int[]> prompts = List.of(new int[]{1, 2, 3, 4, 5, 6}, new int[]{7}, new int[]{3, 3, 9}, new int[]{2, 2},
                new int[]{8, 1, 1}, new int[]{5});
        for (ModelConfig c : List.of(TinyModels.qwen2(13), TinyModels.llama(13))) {
            Transformer m = TinyModels.model(c, 31, DataType.FLOAT);
            SamplingParams greedy = SamplingParams.greedy(10, List.of());
            List<Completion> fast, blas;
            try {
                Kernels.useVectors = true;
                fast = m.sample(prompts, greedy, new Random(1));
                Kernels.useVectors = false;
                blas = m.sample(prompts, greedy, new Random(1));
            } finally {
                Kernels.useVectors = Kernels.VECTOR;
            }
            for (int b = 0; b < prompts.size(); b++) {
                assertArrayEquals(blas.get(b).tokens(), fast.get(b).tokens(), c.modelType() + " prompt " + b);
                for (int i = 0; i < fast.get(b).logProbs().length; i++) {
                    assertEquals(blas.get(b).logProbs()[i], fast.get(b).logProbs()[i], 1e-5);
                }
            }
        }
    }

    private static float[] random(Random rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rng.nextGaussian();
        return a;
    }
}
