package dev.srl.core.model;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fused vector-API element-wise work ({@link VectorOps}) against the ND4J operations it replaces (which
 * the double-precision gradient checks cover): the same model in float, with the kernels on and off, gives
 * the same log-probs, entropies and gradients. Widths and lengths are chosen so that both the vector loops
 * and their scalar tails run (a vector holds 8 or 16 floats).
 */
class VectorOpsTest {
    // hidden 40, MLP 52, 3 heads of 16 with 1 key/value head, vocabulary 45: none a multiple of 16 except the head size
    private static final ModelConfig WIDE = new ModelConfig("qwen2", 40, 52, 2, 3, 1, 16, 1e-6, 10000.0, 45, true, true,
            128, -1, List.of());

    @AfterEach
    void restore() {
        Kernels.useVectors = Kernels.VECTOR;
    }

    @Test
    void modelWithVectorOpsEqualsModelWithNd4jOps() {
        assumeTrue(Kernels.VECTOR, "needs --add-modules jdk.incubator.vector (set by the build)");
        for (ModelConfig c : List.of(WIDE, TinyModels.llama(13))) {
            Transformer m = TinyModels.model(c, 41, DataType.FLOAT);
            TokenBatch batch = batch(c.vocabSize(), new int[]{37, 5, 20}, new Random(2));
            INDArray dLogProbs = Nd4j.rand(DataType.FLOAT, batch.batchSize(), batch.maxLength()).subi(0.5);
            Result vector = run(true, () -> m.forwardOnThisThread(batch, 0.7), dLogProbs);
            Result nd4j = run(false, () -> m.forwardOnThisThread(batch, 0.7), dLogProbs);
            assertClose(nd4j.logProbs, vector.logProbs, 2e-5, c.modelType() + " log-probs");
            assertClose(nd4j.entropy, vector.entropy, 2e-5, c.modelType() + " entropy");
            for (String name : nd4j.grads.keySet()) {
                assertClose(nd4j.grads.get(name), vector.grads.get(name), 1e-4, c.modelType() + " " + name);
            }
        }
    }

    @Test
    void ropeGivesTheSameBitsAsTheNd4jOperations() {
        assumeTrue(Kernels.VECTOR, "needs --add-modules jdk.incubator.vector (set by the build)");
        for (int headDim : new int[]{6, 32, 40}) {
            Rope rope = new Rope(headDim, 3, 1, 10000.0, DataType.FLOAT);
            Rope.Angles angles = rope.angles(new int[]{0, 5, 17, 90});
            INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3 * headDim);
            for (boolean backward : new boolean[]{false, true}) {
                INDArray viaVectors = x.dup(), viaNd4j = x.dup();
                Kernels.useVectors = true;
                if (backward) rope.backwardQ(viaVectors, angles); else rope.applyQ(viaVectors, angles);
                Kernels.useVectors = false;
                if (backward) rope.backwardQ(viaNd4j, angles); else rope.applyQ(viaNd4j, angles);
                org.junit.jupiter.api.Assertions.assertArrayEquals(viaNd4j.data().asFloat(), viaVectors.data().asFloat(), 0f,
                        "head size " + headDim + (backward ? " backward" : " forward"));
            }
        }
    }

    private record Result(INDArray logProbs, INDArray entropy, Map<String, INDArray> grads) {
    }

    private static Result run(boolean vectors, Supplier<ForwardPass> forward, INDArray dLogProbs) {
        Kernels.useVectors = vectors;
        ForwardPass fp = forward.get();
        return new Result(fp.logProbs(), fp.entropy(), fp.backward(dLogProbs));
    }

    private static TokenBatch batch(int vocab, int[] lengths, Random rng) {
        List<int[]> rows = new ArrayList<>();
        for (int len : lengths) {
            int[] r = new int[len];
            for (int i = 0; i < len; i++) r[i] = rng.nextInt(vocab);
            rows.add(r);
        }
        return TokenBatch.pad(rows, 0);
    }

    /** Close relative to the array's size: max |a - b| <= tol * (1 + max |a|). */
    private static void assertClose(INDArray expected, INDArray actual, double tol, String what) {
        double scale = 1 + expected.amaxNumber().doubleValue();
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertEquals(0, diff, tol * scale, what);
    }
}
