package dev.srl.core;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Nd4jSmokeTest {
    @Test
    void nativeBackendMultiplies() {
        var a = Nd4j.create(new double[][]{{1, 2}, {3, 4}}).castTo(DataType.FLOAT);
        var c = a.mmul(a);
        assertEquals(22f, c.getFloat(1, 1), 1e-6);
    }
}
