package dev.srl.core.train.optim;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptimTest {

    /** The AdamW recurrence written out on doubles for one scalar, compared with the INDArray version. */
    @Test
    void adamWMatchesAScalarReference() {
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("w", Nd4j.createFromArray(new double[][] {{0.5, -1.0}}));
        params.put("b", Nd4j.createFromArray(new double[] {0.3}));
        AdamW.Settings s = new AdamW.Settings(0.9, 0.99, 1e-8, 0.1, false);
        AdamW opt = new AdamW(params, s);
        double w = 0.5, m = 0, v = 0, b = 0.3, mb = 0, vb = 0;
        double lr = 0.01;
        for (int t = 1; t <= 5; t++) {
            double g = 2 * w + t, gb = -b;
            Map<String, INDArray> grads = new LinkedHashMap<>();
            grads.put("w", Nd4j.createFromArray(new double[][] {{g, 0}}));
            grads.put("b", Nd4j.createFromArray(new double[] {gb}));
            opt.step(grads, lr);
            m = 0.9 * m + 0.1 * g;
            v = 0.99 * v + 0.01 * g * g;
            w *= 1 - lr * 0.1;
            w -= lr * (m / (1 - Math.pow(0.9, t))) / (Math.sqrt(v) / Math.sqrt(1 - Math.pow(0.99, t)) + 1e-8);
            mb = 0.9 * mb + 0.1 * gb;
            vb = 0.99 * vb + 0.01 * gb * gb;
            b -= lr * (mb / (1 - Math.pow(0.9, t))) / (Math.sqrt(vb) / Math.sqrt(1 - Math.pow(0.99, t)) + 1e-8);   // 1-D: no decay
        }
        assertEquals(w, params.get("w").getDouble(0, 0), 1e-14);
        assertEquals(-1.0 * Math.pow(1 - lr * 0.1, 5), params.get("w").getDouble(0, 1), 1e-14);  // zero gradient: decay only
        assertEquals(b, params.get("b").getDouble(0), 1e-14);
        assertEquals(5, opt.stepCount());
    }

    @Test
    void stateRoundTripContinuesIdentically() {
        Map<String, INDArray> p1 = Map.of("w", Nd4j.createFromArray(new double[] {1, 2, 3}));
        Map<String, INDArray> p2 = Map.of("w", Nd4j.createFromArray(new double[] {1, 2, 3}));
        AdamW a = new AdamW(p1, AdamW.Settings.defaults());
        AdamW b = new AdamW(p2, AdamW.Settings.defaults());
        Map<String, INDArray> g = Map.of("w", Nd4j.createFromArray(new double[] {0.1, -0.2, 0.3}));
        a.step(g, 0.1);
        b.step(g, 0.1);
        Map<String, INDArray> saved = a.state();
        AdamW c = new AdamW(p1, AdamW.Settings.defaults());
        c.loadState(saved);
        c.step(g, 0.1);
        b.step(g, 0.1);
        assertArrayEquals(p2.get("w").toDoubleVector(), p1.get("w").toDoubleVector(), 0);
        assertEquals(2, c.stepCount());
        assertThrows(IllegalArgumentException.class, () -> c.loadState(Map.of("step", Nd4j.scalar(DataType.DOUBLE, 1.0).reshape(1))));
    }

    @Test
    void clippingScalesToTheMaxNormAndReturnsThePreClipNorm() {
        Map<String, INDArray> g = new LinkedHashMap<>();
        g.put("a", Nd4j.createFromArray(new double[] {3, 0}));
        g.put("b", Nd4j.createFromArray(new double[][] {{0, 4}}));
        assertEquals(5, GradientClipping.clipGlobalNorm(g, 1.0), 1e-12);
        assertEquals(1.0, GradientClipping.globalNorm(g), 1e-6);
        assertEquals(0.6, g.get("a").getDouble(0), 1e-6);
        Map<String, INDArray> small = Map.of("a", Nd4j.createFromArray(new double[] {0.3}));
        assertEquals(0.3, GradientClipping.clipGlobalNorm(small, 1.0), 1e-15);
        assertEquals(0.3, small.get("a").getDouble(0), 0);
        Map<String, INDArray> bad = Map.of("a", Nd4j.createFromArray(new double[] {Double.NaN, 1}));
        assertEquals(true, Double.isNaN(GradientClipping.clipGlobalNorm(bad, 1.0)));
    }

    @Test
    void warmupCosineSchedule() {
        LearningRateSchedule s = LearningRateSchedule.warmupCosine(1.0, 4, 14, 0.1);
        assertEquals(0.25, s.at(0), 1e-15);
        assertEquals(1.0, s.at(3), 1e-15);
        assertEquals(1.0, s.at(4), 1e-15);
        assertEquals(0.55, s.at(9), 1e-12);     // half-way through the cosine
        assertEquals(0.1, s.at(14), 1e-15);
        assertEquals(0.1, s.at(100), 1e-15);
        assertEquals(0.5, LearningRateSchedule.constant(0.5).at(7));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.warmupCosine(1, 5, 3, 0));
    }
}
