package dev.srl.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Element access to a contiguous ND4J array through a direct NIO view of its off-heap memory: no JNI
 * call per element, so plain Java loops over a few rows beat a chain of ND4J ops, each of which costs
 * tens of microseconds however small its input. Used by {@link DecodeSession}.
 */
abstract sealed class Buf permits Buf.F32, Buf.F64 {

    static Buf of(INDArray a) {
        if (a.ordering() != 'c' || !org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a)) {
            throw new IllegalArgumentException("Buf needs a contiguous row-major array");
        }
        // a view's data() starts at the view's first element (as for Blas)
        return a.dataType() == DataType.FLOAT ? new F32(a.data().asNioFloat()) : new F64(a.data().asNioDouble());
    }

    abstract double get(int i);

    abstract void set(int i, double v);

    static final class F32 extends Buf {
        private final FloatBuffer b;

        F32(FloatBuffer b) {
            this.b = b;
        }

        @Override
        double get(int i) {
            return b.get(i);
        }

        @Override
        void set(int i, double v) {
            b.put(i, (float) v);
        }
    }

    static final class F64 extends Buf {
        private final DoubleBuffer b;

        F64(DoubleBuffer b) {
            this.b = b;
        }

        @Override
        double get(int i) {
            return b.get(i);
        }

        @Override
        void set(int i, double v) {
            b.put(i, v);
        }
    }
}
