package dev.srl.core.model;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The fused AdamW step against the same formula as ND4J operations in double. */
class FusedUpdatesTest {
    @AfterEach
    void restore() {
        Kernels.useVectors = Kernels.VECTOR;
    }

    @Test
    void adamWMatchesTheFormula() {
        assumeTrue(Kernels.VECTOR, "needs --add-modules jdk.incubator.vector (set by the build)");
        Nd4j.getRandom().setSeed(3);
        for (long n : new long[]{1, 7, 8, 37, 10_000}) {
            INDArray p = Nd4j.randn(DataType.FLOAT, n), g = Nd4j.randn(DataType.FLOAT, n);
            INDArray m = Nd4j.randn(DataType.FLOAT, n).muli(0.1), v = Transforms.abs(Nd4j.randn(DataType.FLOAT, n)).muli(0.01);
            INDArray pd = p.castTo(DataType.DOUBLE), gd = g.castTo(DataType.DOUBLE), md = m.castTo(DataType.DOUBLE), vd = v.castTo(DataType.DOUBLE);
            double b1 = 0.9, b2 = 0.95, eps = 1e-8, wd = 0.1, lr = 3e-3;
            int step = 5;
            assertTrue(FusedUpdates.adamW(p, g, m, v, b1, b2, eps, wd, lr, step));
            md.muli(b1).addi(gd.mul(1 - b1));
            vd.muli(b2).addi(gd.mul(gd).muli(1 - b2));
            double bc1 = 1 - Math.pow(b1, step), bc2 = 1 - Math.pow(b2, step);
            pd.muli(1 - lr * wd).subi(md.div(Transforms.sqrt(vd, true).divi(Math.sqrt(bc2)).addi(eps)).muli(lr / bc1));
            assertEquals(0, md.sub(m.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 1e-6, "m, n = " + n);
            assertEquals(0, vd.sub(v.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 1e-6, "v, n = " + n);
            assertEquals(0, pd.sub(p.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 1e-5, "p, n = " + n);
        }
    }

    @Test
    void declinesWhatItCannotDo() {
        INDArray d = Nd4j.zeros(DataType.DOUBLE, 4);
        assertFalse(FusedUpdates.adamW(d, d.dup(), d.dup(), d.dup(), 0.9, 0.999, 1e-8, 0, 1e-3, 1));
        Kernels.useVectors = false;
        INDArray f = Nd4j.zeros(DataType.FLOAT, 4);
        assertFalse(FusedUpdates.adamW(f, f.dup(), f.dup(), f.dup(), 0.9, 0.999, 1e-8, 0, 1e-3, 1));
    }
}
