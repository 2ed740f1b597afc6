package dev.srl.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the model's arithmetic is threaded, and whether its vector-API kernels may run.
 *
 * <p>Threads: ND4J's OpenMP pool and OpenBLAS's own pool both wake and spin for every operation; at the
 * sizes of a policy model's activations that doubles the CPU time of a training step and slows the small
 * models down (measured with {@code srl bench model}). {@link #useOwnThreads()} therefore sets both to one
 * thread, once, and the model spreads its large products over the cores itself ({@link RangeSplitter}).
 * {@code -Dsrl.nativeThreads=keep} leaves ND4J's and OpenBLAS's settings alone.
 *
 * <p>Kernels: the vector-API kernels ({@link VectorKernels} for decoding, {@link VectorOps} for the
 * element-wise work in float) need the incubator module {@code jdk.incubator.vector} resolved at start-up:
 * {@code bin/srl} and the test JVMs pass {@code --add-modules jdk.incubator.vector}; an application that embeds
 * the library adds the same flag to its {@code java} command. Without it the model uses OpenBLAS and ND4J
 * operations, with the same results up to float rounding, more slowly. {@code -Dsrl.vector=false} turns the kernels off on purpose.
 */
final class Kernels {
    private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);

    /** True when the vector-API kernels can run in this JVM. */
    static final boolean VECTOR = detect();

    /** Whether the model uses the vector-API kernels where they apply (tests switch it to compare both paths). */
    static volatile boolean useVectors = VECTOR;

    private static volatile boolean threadsSet;

    /** True when {@link VectorOps} may run on these arrays: vectors in use, all FLOAT, dense row-major, each under 2 GB. */
    static boolean vectorOps(INDArray... arrays) {
        if (!useVectors) return false;
        for (INDArray a : arrays) {
            if (a.dataType() != DataType.FLOAT || a.length() * Float.BYTES > Integer.MAX_VALUE || !Blas.dense(a)) return false;
        }
        return true;
    }

    private Kernels() {
    }

    /** Puts ND4J's and OpenBLAS's thread pools at one thread (once per process; see the class comment). */
    static void useOwnThreads() {
        if (threadsSet) return;
        synchronized (Kernels.class) {
            if (threadsSet) return;
            threadsSet = true;
            if ("keep".equals(System.getProperty("srl.nativeThreads"))) return;
            org.nd4j.linalg.factory.Nd4j.getExecutioner(); // loads the backend, which NativeOpsHolder needs first
            ownThreads = true;
            singleThreadedNd4jOnThisThread();
            new org.nd4j.linalg.cpu.nativecpu.blas.CpuBlas().setMaxThreads(1);
        }
    }

    private static volatile boolean ownThreads;

    /** ND4J's OpenMP thread count for operations started from the calling thread (a per-thread setting). */
    static void singleThreadedNd4jOnThisThread() {
        if (ownThreads) org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
    }

    private static boolean detect() {
        if (!Boolean.parseBoolean(System.getProperty("srl.vector", "true"))) return false;
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!present) {
            LOG.info("jdk.incubator.vector is not enabled: decoding uses OpenBLAS (add --add-modules jdk.incubator.vector to the java command for about twice the speed)");
        }
        return present;
    }
}
