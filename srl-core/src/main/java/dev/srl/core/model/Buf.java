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
        if (!Blas.dense(a)) {
            throw new IllegalArgumentException("Buf needs a contiguous row-major array");
        }
        // a view's data() starts at the view's first element (as for Blas)
        return a.dataType() == DataType.FLOAT ? new F32(a.data().asNioFloat()) : new F64(a.data().asNioDouble());
    }

    abstract double get(int i);

    /** Copies elements {@code [0, n)} into {@code dst} (float arrays only). */
    void read(float[] dst, int n) {
        throw new UnsupportedOperationException("not a float array");
    }

    /** Copies {@code src[0, n)} into elements {@code [0, n)} (float arrays only). */
    void write(float[] src, int n) {
        throw new UnsupportedOperationException("not a float array");
    }

    /** A heap copy of a contiguous float array's elements. */
    static float[] copyOf(INDArray a) {
        float[] out = new float[(int) a.length()];
        of(a).read(out, out.length);
        return out;
    }

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

        @Override
        void read(float[] dst, int n) {
            b.get(0, dst, 0, n);
        }

        @Override
        void write(float[] src, int n) {
            b.put(0, src, 0, n);
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
