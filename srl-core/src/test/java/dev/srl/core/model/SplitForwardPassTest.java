package dev.srl.core.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A forward pass cut by rows gives the log-probs, entropies and gradients of the whole batch in one piece. */
class SplitForwardPassTest {
    private static final TokenBatch BATCH = TokenBatch.pad(List.of(
            new int[]{1, 2, 3, 4, 5, 6}, new int[]{7, 8}, new int[]{3, 3, 9, 1}, new int[]{4, 0, 2, 2, 5}, new int[]{11}), 0);

    @Test
    void splitPassEqualsOnePass() {
        for (ModelConfig c : List.of(TinyModels.qwen2(13), TinyModels.llama(13))) {
            for (int parts : new int[]{2, 3, 5}) {
                Transformer m = TinyModels.model(c, 21, DataType.DOUBLE);
                INDArray dLogProbs = Nd4j.rand(DataType.DOUBLE, BATCH.batchSize(), BATCH.maxLength()).subi(0.5);
                TransformerForwardPass whole = m.forwardOnThisThread(BATCH, 0.9);
                SplitForwardPass split = SplitForwardPass.run(m, BATCH, 0.9, parts);
                assertArrayEquals(whole.logProbs().shape(), split.logProbs().shape());
                assertEquals(0, whole.logProbs().distance1(split.logProbs()), 1e-12, c.modelType() + " parts " + parts);
                assertEquals(0, whole.entropy().distance1(split.entropy()), 1e-12);
                Map<String, INDArray> g1 = whole.backward(dLogProbs), g2 = split.backward(dLogProbs);
                assertEquals(g1.keySet(), g2.keySet());
                for (String name : g1.keySet()) {
                    assertEquals(0, g1.get(name).distance1(g2.get(name)), 1e-10 * (1 + g1.get(name).norm1Number().doubleValue()), name);
                }
                assertThrows(IllegalStateException.class, () -> split.backward(dLogProbs));
            }
        }
    }

    @Test
    void splitPassEqualsOnePassInFloat() {
        Transformer m = TinyModels.model(TinyModels.qwen2(13), 24, DataType.FLOAT);
        INDArray dLogProbs = Nd4j.rand(DataType.FLOAT, BATCH.batchSize(), BATCH.maxLength()).subi(0.5);
        TransformerForwardPass whole = m.forwardOnThisThread(BATCH, 1.0);
        SplitForwardPass split = SplitForwardPass.run(m, BATCH, 1.0, 2);
        assertEquals(0, whole.logProbs().distance1(split.logProbs()), 1e-4);
        Map<String, INDArray> g1 = whole.backward(dLogProbs), g2 = split.backward(dLogProbs);
        for (String name : g1.keySet()) {
            assertEquals(0, g1.get(name).distance1(g2.get(name)), 1e-4 * (1 + g1.get(name).norm1Number().doubleValue()), name);
        }
    }

    @Test
    void wrongGradientShapeIsRefused() {
        Transformer m = TinyModels.model(TinyModels.qwen2(13), 22, DataType.DOUBLE);
        SplitForwardPass split = SplitForwardPass.run(m, BATCH, 1.0, 2);
        assertThrows(IllegalArgumentException.class, () -> split.backward(Nd4j.zeros(DataType.DOUBLE, 2, 2)));
    }

    @Test
    void badTokenInAnyPartIsReportedAsIs() {
        Transformer m = TinyModels.model(TinyModels.qwen2(13), 23, DataType.DOUBLE);
        TokenBatch bad = TokenBatch.pad(List.of(new int[]{1, 2}, new int[]{3, 4}, new int[]{5, 13}), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SplitForwardPass.run(m, bad, 1.0, 3));
        assertEquals("tokens[0][1] = 13 is outside the vocabulary [0, 13)", e.getMessage());
    }
}
