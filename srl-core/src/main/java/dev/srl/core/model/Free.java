package dev.srl.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Releases the off-heap memory of temporaries at once. ND4J frees an array only when the garbage collector
 * reclaims its Java wrapper, which on a small heap is rare; until then every step writes to fresh pages
 * (page faults, kernel zeroing), which measured as costly as the arithmetic itself. Only arrays that nothing
 * else references (and no view of which is still in use) may be passed here.
 */
final class Free {
    private Free() {
    }

    static void free(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && !a.isView() && a.closeable()) a.close();
        }
    }
}
