package dev.srl.core.train.sft;

import dev.srl.core.train.TabularPolicy;
import dev.srl.core.train.optim.OptimizerConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SftTrainerTest {
    @Test
    void lossFallsAndValidationIsReported() {
        List<SftExample> train = List.of(new SftExample(new int[] {0}, new int[] {1, 2, 3, 5}),
                new SftExample(new int[] {0, 4}, new int[] {2, 3, 5}));
        List<SftExample> val = List.of(new SftExample(new int[] {0}, new int[] {1, 2, 3, 5}));
        SftConfig cfg = new SftConfig(4, 3, OptimizerConfig.cosine(0.1, 5, 60, 0.01), 3, 20, 3);
        TabularPolicy p = new TabularPolicy(6);
        SftTrainer t = new SftTrainer(p, train, val, cfg);
        double valBefore = t.validationLoss();
        assertEquals(Math.log(6), valBefore, 1e-12);        // uniform model
        double first = (double) t.trainStep().metrics().get("loss");
        double last = 0;
        Object val20 = null;
        for (int i = 0; i < 59; i++) {
            var m = t.trainStep().metrics();
            last = (double) m.get("loss");
            if ((long) m.get("step") == 20) val20 = m.get("val_loss");
        }
        assertEquals(Math.log(6), first, 1e-12);
        assertTrue(last < 0.3 * first, "loss " + first + " -> " + last);
        assertTrue(val20 instanceof Double && (double) val20 < valBefore);
        assertTrue(t.validationLoss() < 0.3 * valBefore);
    }

    @Test
    void promptTokensAreNotTrained() {
        // Only the transition 0 -> 1 is a target; the prompt transition 2 -> 3 must not be learned.
        TabularPolicy p = new TabularPolicy(4);
        SftTrainer t = new SftTrainer(p, List.of(new SftExample(new int[] {2, 3, 0}, new int[] {1})), List.of(),
                new SftConfig(1, 0, OptimizerConfig.constant(0.1), 0, 0, 3));
        for (int i = 0; i < 5; i++) t.trainStep();
        double[][] w = p.parameters().get("table").toDoubleMatrix();
        for (double v : w[2]) assertEquals(0.0, v);
        assertTrue(w[0][1] > 0);
    }
}
