package dev.srl.core.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finite-difference checks of every parameter's gradient, in double precision. */
class TransformerGradientTest {
    private static final double EPS = 1e-6;

    // Two rows of different lengths (the second right-padded with an arbitrary id), repeated token ids.
    private static TokenBatch batch() {
        return new TokenBatch(new int[][]{{3, 7, 3, 10, 3}, {5, 5, 2, 9, 9}}, new int[]{5, 3});
    }

    @Test
    void qwen2StyleGradientsMatchFiniteDifferences() {
        check(TinyModels.model(TinyModels.qwen2(11), 1, DataType.DOUBLE), 1.0, 24);
    }

    @Test
    void llamaStyleGradientsMatchFiniteDifferences() {
        check(TinyModels.model(TinyModels.llama(11), 2, DataType.DOUBLE), 1.0, 24);
    }

    @Test
    void gradientsMatchAtTemperatureOtherThanOne() {
        check(TinyModels.model(TinyModels.qwen2(11), 3, DataType.DOUBLE), 0.7, 8);
    }

    @Test
    void paddedPositionsAndColumnZeroAreZero() {
        Transformer m = TinyModels.model(TinyModels.qwen2(11), 4, DataType.DOUBLE);
        ForwardPass fp = m.forward(batch(), 1.0);
        INDArray lp = fp.logProbs();
        assertEquals(0.0, lp.getDouble(0, 0));
        assertEquals(0.0, lp.getDouble(1, 0));
        assertEquals(0.0, lp.getDouble(1, 3));
        assertEquals(0.0, fp.entropy().getDouble(1, 4));
        assertTrue(lp.getDouble(1, 2) < 0);
        assertTrue(fp.entropy().getDouble(0, 1) > 0);
    }

    @Test
    void paddingDoesNotChangeRealPositions() {
        Transformer m = TinyModels.model(TinyModels.llama(11), 5, DataType.DOUBLE);
        INDArray padded = m.forward(batch(), 1.0).logProbs();
        INDArray alone = m.forward(new TokenBatch(new int[][]{{5, 5, 2}}, new int[]{3}), 1.0).logProbs();
        for (int t = 0; t < 3; t++) assertEquals(alone.getDouble(0, t), padded.getDouble(1, t), 1e-12);
    }

    @Test
    void logProbsWithoutBackwardEqualTheForwardPass() {
        Transformer m = TinyModels.model(TinyModels.qwen2(11), 7, DataType.DOUBLE);
        INDArray a = m.forward(batch(), 0.9).logProbs();
        INDArray b = m.logProbs(batch(), 0.9);
        assertEquals(0.0, a.sub(b).amaxNumber().doubleValue(), 1e-15);
    }

    @Test
    void entropyMatchesItsDefinition() {
        Transformer m = TinyModels.model(TinyModels.qwen2(11), 6, DataType.DOUBLE);
        ForwardPass fp = m.forward(batch(), 0.8);
        // The log-probs of all 11 candidate next tokens after "3" give the entropy at (0, 1).
        double h = 0;
        for (int tok = 0; tok < 11; tok++) {
            double lp = m.forward(new TokenBatch(new int[][]{{3, tok}}, new int[]{2}), 0.8).logProbs().getDouble(0, 1);
            h -= Math.exp(lp) * lp;
        }
        assertEquals(h, fp.entropy().getDouble(0, 1), 1e-10);
    }

    /** Checks all entries of tensors with at most 40 entries, {@code sample} random ones of larger tensors. */
    private static void check(Transformer model, double temperature, int sample) {
        TokenBatch batch = batch();
        Random rng = new Random(42);
        double[][] w = new double[2][5];
        for (double[] row : w) for (int j = 0; j < row.length; j++) row[j] = rng.nextGaussian();
        INDArray weights = Nd4j.create(w);
        Map<String, INDArray> grads = model.forward(batch, temperature).backward(weights);
        assertEquals(model.parameters().keySet(), grads.keySet());
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, INDArray> e : model.parameters().entrySet()) {
            INDArray p = e.getValue();
            INDArray g = grads.get(e.getKey());
            assertArrayEquals(p.shape(), g.shape(), e.getKey());
            long n = p.length();
            List<Long> entries = new ArrayList<>();
            if (n <= 40) {
                for (long i = 0; i < n; i++) entries.add(i);
            } else {
                for (int i = 0; i < sample; i++) entries.add((long) rng.nextInt((int) n));
            }
            if (e.getKey().equals(Transformer.EMBED)) {
                // every entry of the rows of repeated ids (3 and 5 twice, 9 only in padding: zero gradient)
                int d = (int) p.size(1);
                for (int row : new int[]{3, 5, 9}) for (int j = 0; j < d; j++) entries.add((long) row * d + j);
            }
            INDArray flat = p.reshape(n);
            INDArray gFlat = g.reshape(n);
            for (long i : entries) {
                double orig = flat.getDouble(i);
                flat.putScalar(i, orig + EPS);
                double up = loss(model, batch, temperature, weights);
                flat.putScalar(i, orig - EPS);
                double down = loss(model, batch, temperature, weights);
                flat.putScalar(i, orig);
                double numeric = (up - down) / (2 * EPS);
                double analytic = gFlat.getDouble(i);
                if (Math.abs(numeric - analytic) > 1e-5 * Math.max(Math.abs(numeric), Math.abs(analytic)) + 1e-8) {
                    failures.add(e.getKey() + "[" + i + "] analytic " + analytic + " numeric " + numeric);
                }
                checked++;
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + checked + " entries differ: "
                + failures.subList(0, Math.min(10, failures.size())));
    }

    private static double loss(Transformer model, TokenBatch batch, double temperature, INDArray weights) {
        return model.forward(batch, temperature).logProbs().mul(weights).sumNumber().doubleValue();
    }
}
