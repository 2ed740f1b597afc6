package dev.srl.core.model;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class VectorMathTest {
    @Test
    void expIsWithinThreeUlpOfMathExp() {
        assumeTrue(Kernels.VECTOR, "needs --add-modules jdk.incubator.vector (set by the build)");
        Random rng = new Random(7);
        int n = VectorMath.S.length();
        float[] x = new float[n], y = new float[n];
        for (int rep = 0; rep < 20_000; rep++) {
            for (int i = 0; i < n; i++) x[i] = (float) ((rng.nextDouble() * 2 - 1) * (rep % 2 == 0 ? 87 : 3));
            VectorMath.exp(FloatVector.fromArray(VectorMath.S, x, 0)).intoArray(y, 0);
            for (int i = 0; i < n; i++) {
                double expected = Math.exp(x[i]);
                assertEquals(expected, y[i], 3 * Math.ulp((float) expected), "exp(" + x[i] + ")");
            }
        }
    }

    @Test
    void expClampsInsteadOfOverflowing() {
        assumeTrue(Kernels.VECTOR, "needs --add-modules jdk.incubator.vector (set by the build)");
        float[] y = new float[VectorMath.S.length()];
        VectorMath.exp(FloatVector.broadcast(VectorMath.S, -1000f)).intoArray(y, 0);
        assertEquals(Math.exp(-87), y[0], 1e-43);
        VectorMath.exp(FloatVector.broadcast(VectorMath.S, 1000f)).intoArray(y, 0);
        assertEquals(Math.exp(88), y[0], Math.exp(88) * 1e-6);
    }

    @Test
    void sumAddsEveryLane() {
        assumeTrue(Kernels.VECTOR, "needs --add-modules jdk.incubator.vector (set by the build)");
        int n = VectorMath.S.length();
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = 1 << i % 12;
        double expected = 0;
        for (float v : x) expected += v;
        assertEquals(expected, VectorMath.sum(FloatVector.fromArray(VectorMath.S, x, 0)), 0);
    }
}
