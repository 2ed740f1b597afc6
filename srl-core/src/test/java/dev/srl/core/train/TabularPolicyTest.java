package dev.srl.core.train;

import dev.srl.core.model.ForwardPass;
import dev.srl.core.model.TokenBatch;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The test double's own backward pass is checked by finite differences, so trainer tests can rely on it. */
class TabularPolicyTest {
    @Test
    void backwardMatchesFiniteDifferences() {
        TabularPolicy p = new TabularPolicy(4);
        SplittableRandom r = new SplittableRandom(3);
        INDArray table = p.parameters().get("table");
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) table.putScalar(i, j, r.nextDouble(-1, 1));
        TokenBatch batch = TokenBatch.pad(List.of(new int[] {0, 1, 2, 3, 1}, new int[] {2, 2, 0}), 0);
        double[][] c = {{0, 0.3, -1, 2, 0.5}, {0, 1.5, -0.7, 9, 9}};   // entries past the length are ignored
        double temp = 0.7;
        ForwardPass fp = p.forward(batch, temp);
        double[][] g = fp.backward(Nd4j.createFromArray(c)).get("table").toDoubleMatrix();
        double h = 1e-6;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double v = table.getDouble(i, j);
                table.putScalar(i, j, v + h);
                double fPlus = objective(p.forward(batch, temp).logProbs().toDoubleMatrix(), c, batch);
                table.putScalar(i, j, v - h);
                double fMinus = objective(p.forward(batch, temp).logProbs().toDoubleMatrix(), c, batch);
                table.putScalar(i, j, v);
                assertEquals((fPlus - fMinus) / (2 * h), g[i][j], 1e-8);
            }
        }
    }

    private static double objective(double[][] logp, double[][] c, TokenBatch b) {
        double s = 0;
        for (int r = 0; r < logp.length; r++) for (int t = 1; t < b.lengths()[r]; t++) s += c[r][t] * logp[r][t];
        return s;
    }
}
