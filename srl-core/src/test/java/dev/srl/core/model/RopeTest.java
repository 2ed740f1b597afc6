package dev.srl.core.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rotary embeddings against the rotate_half formula written out element by element. */
class RopeTest {
    @Test
    void rotatesEveryHeadLikeRotateHalf() {
        int heads = 3, dh = 8, n = 5;
        double theta = 10000;
        int[] positions = {0, 1, 7, 2, 30};
        Random rng = new Random(1);
        double[][] x = new double[n][heads * dh];
        for (double[] row : x) for (int j = 0; j < row.length; j++) row[j] = rng.nextGaussian();
        INDArray a = Nd4j.create(x);
        Rope rope = new Rope(dh, heads, 1, theta, DataType.DOUBLE);
        rope.applyQ(a, rope.angles(positions));
        int half = dh / 2;
        for (int r = 0; r < n; r++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < dh; i++) {
                    int f = i % half;
                    double angle = positions[r] * (double) (1.0f / (float) Math.pow(theta, (float) (2 * f) / dh));
                    double rotated = i < half ? -x[r][h * dh + i + half] : x[r][h * dh + i - half];
                    double expected = x[r][h * dh + i] * Math.cos(angle) + rotated * Math.sin(angle);
                    assertEquals(expected, a.getDouble(r, h * dh + i), 1e-12, "row " + r + " head " + h + " dim " + i);
                }
            }
        }
    }

    @Test
    void backwardIsTheTransposeOfTheRotation() {
        int heads = 2, dh = 4, n = 3;
        Rope rope = new Rope(dh, 1, heads, 500, DataType.DOUBLE);
        Rope.Angles ang = rope.angles(new int[]{3, 0, 9});
        INDArray x = Nd4j.rand(DataType.DOUBLE, n, heads * dh), dy = Nd4j.rand(DataType.DOUBLE, n, heads * dh);
        INDArray rx = x.dup();
        rope.applyK(rx, ang);
        INDArray dx = dy.dup();
        rope.backwardK(dx, ang);
        // <R x, dy> == <x, R^T dy>
        assertEquals(rx.mul(dy).sumNumber().doubleValue(), x.mul(dx).sumNumber().doubleValue(), 1e-12);
    }
}
