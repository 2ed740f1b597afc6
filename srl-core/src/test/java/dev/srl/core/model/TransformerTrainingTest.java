package dev.srl.core.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end: forward, backward and the benchmark's AdamW fit a fixed batch in float. */
class TransformerTrainingTest {
    @Test
    void aTinyModelMemorizesABatch() {
        ModelConfig c = TinyModels.qwen2(13);
        Transformer m = new Transformer(c, ModelBenchmark.randomWeights(c, 3));
        TokenBatch batch = TokenBatch.pad(List.of(new int[]{1, 2, 3, 4, 5, 6, 7}, new int[]{9, 8, 7, 9, 8}), 0);
        ModelBenchmark.AdamW adam = new ModelBenchmark.AdamW(m.parameters(), 0.05, 0.0);
        INDArray minusOne = Nd4j.ones(DataType.FLOAT, 2, 7).negi();
        double first = Double.NaN, last = Double.NaN;
        for (int step = 0; step < 60; step++) {
            ForwardPass fp = m.forward(batch, 1.0);
            double nll = -fp.logProbs().sumNumber().doubleValue();
            if (step == 0) first = nll;
            last = nll;
            Map<String, INDArray> grads = fp.backward(minusOne); // minimise -sum(logProbs)
            adam.step(grads);
        }
        assertTrue(last < 0.2 * first, "negative log-likelihood went from " + first + " to " + last);
    }
}
