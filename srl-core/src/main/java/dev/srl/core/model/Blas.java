package dev.srl.core.model;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products straight through the OpenBLAS that ND4J bundles. {@code INDArray.mmul} runs at about a
 * third of this speed (reference §1.6), so every large product of the model goes here. All matrices are
 * row-major; operands are addressed as (array, element offset, leading dimension), which lets one call
 * work on a head's slice of a wider activation without copying it.
 */
final class Blas {
    private Blas() {
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} on sub-matrices of row-major, contiguous arrays. A large
     * product is cut into row or column blocks of C, one per core ({@link RangeSplitter}); OpenBLAS itself
     * runs on one thread (see {@link Kernels}).
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     INDArray a, long aOff, int lda, INDArray b, long bOff, int ldb,
                     double beta, INDArray c, long cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if ((long) m * n * k < PARALLEL_WORK) {
            gemmCall(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else if (m >= n) {
            RangeSplitter.shared().run(m, (from, to) -> gemmCall(transA, transB, to - from, n, k, alpha,
                    a, aOff + (transA ? from : (long) from * lda), lda, b, bOff, ldb, beta, c, cOff + (long) from * ldc, ldc));
        } else {
            RangeSplitter.shared().run(n, (from, to) -> gemmCall(transA, transB, m, to - from, k, alpha,
                    a, aOff, lda, b, bOff + (transB ? (long) from * ldb : from), ldb, beta, c, cOff + from, ldc));
        }
    }

    // Below about 2^18 multiply-adds (some tens of microseconds) a product is not worth handing out.
    private static final long PARALLEL_WORK = 1L << 18;

    private static void gemmCall(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     INDArray a, long aOff, int lda, INDArray b, long bOff, int ldb,
                     double beta, INDArray c, long cOff, int ldc) {
        int ta = transA ? openblas.CblasTrans : openblas.CblasNoTrans;
        int tb = transB ? openblas.CblasTrans : openblas.CblasNoTrans;
        DataType dt = c.dataType();
        if (dt == DataType.FLOAT) {
            openblas.cblas_sgemm(openblas.CblasRowMajor, ta, tb, m, n, k, (float) alpha,
                    floats(a, aOff), lda, floats(b, bOff), ldb, (float) beta, floats(c, cOff), ldc);
        } else if (dt == DataType.DOUBLE) {
            openblas.cblas_dgemm(openblas.CblasRowMajor, ta, tb, m, n, k, alpha,
                    doubles(a, aOff), lda, doubles(b, bOff), ldb, beta, doubles(c, cOff), ldc);
        } else {
            throw new IllegalArgumentException("model arrays must be FLOAT or DOUBLE, got " + dt);
        }
    }

    /** {@code x [m,k] · W^T} for a weight stored as {@code [n,k]} (HF {@code nn.Linear} layout): a new {@code [m,n]}. */
    static INDArray timesTransposed(INDArray x, INDArray w) {
        int m = rows(x), k = cols(x), n = rows(w);
        INDArray y = Nd4j.createUninitialized(x.dataType(), m, n);
        gemm(false, true, m, n, k, 1, x, 0, k, w, 0, k, 0, y, 0, n);
        return y;
    }

    /** {@code dy [m,n] · W} for a weight {@code [n,k]}, written into ({@code beta=0}) or added to ({@code beta=1}) {@code out [m,k]}. */
    static void times(INDArray dy, INDArray w, double beta, INDArray out) {
        int m = rows(dy), n = cols(dy), k = cols(w);
        gemm(false, false, m, k, n, 1, dy, 0, n, w, 0, k, beta, out, 0, k);
    }

    /** The weight gradient {@code dW [n,k] (+)= dy^T [n,m] · x [m,k]}. */
    static void weightGrad(INDArray dy, INDArray x, double beta, INDArray dw) {
        int m = rows(dy), n = cols(dy), k = cols(x);
        gemm(true, false, n, k, m, 1, dy, 0, n, x, 0, k, beta, dw, 0, k);
    }

    /** {@code y[yOff..] += alpha * x[xOff..]} over {@code n} elements. */
    static void axpy(int n, double alpha, INDArray x, long xOff, INDArray y, long yOff) {
        if (y.dataType() == DataType.FLOAT) {
            openblas.cblas_saxpy(n, (float) alpha, floats(x, xOff), 1, floats(y, yOff), 1);
        } else {
            openblas.cblas_daxpy(n, alpha, doubles(x, xOff), 1, doubles(y, yOff), 1);
        }
    }

    /** Copies {@code n} elements from {@code x[xOff..]} to {@code y[yOff..]}. */
    static void copy(int n, INDArray x, long xOff, INDArray y, long yOff) {
        copy(n, x, xOff, 1, y, yOff, 1);
    }

    /** Copies {@code n} elements {@code x[xOff + i*incX]} to {@code y[yOff + i*incY]}. */
    static void copy(int n, INDArray x, long xOff, int incX, INDArray y, long yOff, int incY) {
        if (y.dataType() == DataType.FLOAT) {
            openblas.cblas_scopy(n, floats(x, xOff), incX, floats(y, yOff), incY);
        } else {
            openblas.cblas_dcopy(n, doubles(x, xOff), incX, doubles(y, yOff), incY);
        }
    }

    /** The array itself when it is {@link #dense}, otherwise a contiguous copy. */
    static INDArray contiguous(INDArray a) {
        return dense(a) ? a : a.dup('c');
    }

    /**
     * Row-major with no gaps, so element {@code i} lies at offset {@code i} from the array's first element
     * (ND4J may give a one-row array odd strides; it is dense when its element-wise stride is 1).
     */
    static boolean dense(INDArray a) {
        return a.ordering() == 'c' && (Shape.hasDefaultStridesForShape(a)
                || (a.rank() == 2 && a.rows() == 1 && a.elementWiseStride() == 1));
    }

    private static FloatPointer floats(INDArray a, long off) {
        checkContiguous(a);
        return new FloatPointer(address(a)).position(off);
    }

    private static DoublePointer doubles(INDArray a, long off) {
        checkContiguous(a);
        return new DoublePointer(address(a)).position(off);
    }

    // A view's data() is already positioned at the view's first element (checked on M2.1).
    private static Pointer address(INDArray a) {
        return a.data().addressPointer();
    }

    private static void checkContiguous(INDArray a) {
        if (!dense(a)) {
            throw new IllegalStateException("BLAS operand must be a contiguous row-major array, got shape "
                    + java.util.Arrays.toString(a.shape()) + " strides " + java.util.Arrays.toString(a.stride()));
        }
    }

    static int rows(INDArray a) {
        return (int) a.size(0);
    }

    static int cols(INDArray a) {
        return (int) (a.length() / a.size(0));
    }
}
