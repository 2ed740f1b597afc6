package dev.srl.core.train.run;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers shared by the trainers: array conversion and gradient accumulation. */
public final class BatchArrays {
    private BatchArrays() {
    }

    /** A {@code [B][T]} double copy of a rank-2 array. */
    public static double[][] toMatrix(INDArray a) {
        return a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
    }

    /** {@code m} as an array of the given dtype. */
    public static INDArray fromMatrix(double[][] m, org.nd4j.linalg.api.buffer.DataType type) {
        INDArray a = Nd4j.createFromArray(m);
        return a.dataType() == type ? a : a.castTo(type);
    }

    /** Adds {@code grads} into {@code sum} (copying on first use). */
    public static Map<String, INDArray> accumulate(Map<String, INDArray> sum, Map<String, INDArray> grads) {
        if (sum == null) {
            Map<String, INDArray> copy = new LinkedHashMap<>();
            grads.forEach((k, v) -> copy.put(k, v.dup()));
            return copy;
        }
        grads.forEach((k, v) -> sum.get(k).addi(v));
        return sum;
    }

    /** Rows {@code from..to-1}. */
    public static double[][] rows(double[][] m, int from, int to) {
        return java.util.Arrays.copyOfRange(m, from, to);
    }
}
