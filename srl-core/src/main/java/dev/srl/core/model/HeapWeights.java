package dev.srl.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.Map;

/**
 * Heap copies of the matrices a decode step multiplies by (every layer's projections and the LM head), for
 * {@link VectorKernels}: the vector API reads Java arrays at full speed but off-heap memory only through
 * bounds-checked byte buffers, which measured no faster than OpenBLAS. A session copies the weights once
 * (a few milliseconds per 10M parameters), so updates made between sessions are always seen.
 */
final class HeapWeights {
    private final Map<String, float[]> arrays = new HashMap<>();

    private HeapWeights() {
    }

    /**
     * The copies, or {@code null} when the kernels cannot run (no vector module, a DOUBLE model) or the
     * copies would take more than half of the heap that is still free; the caller then uses OpenBLAS.
     */
    static HeapWeights copyIfUseful(ModelConfig c, Map<String, INDArray> params, INDArray head) {
        if (!Kernels.useVectors || head.dataType() != DataType.FLOAT) return null;
        Map<String, INDArray> wanted = new HashMap<>();
        for (int l = 0; l < c.numLayers(); l++) {
            for (String name : LAYER_WEIGHTS) wanted.put(name(l, name), params.get(name(l, name)));
        }
        wanted.put(HEAD, head);
        long bytes = 0;
        for (INDArray a : wanted.values()) bytes += a.length() * Float.BYTES;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free / 2) return null;
        HeapWeights h = new HeapWeights();
        for (Map.Entry<String, INDArray> e : wanted.entrySet()) h.arrays.put(e.getKey(), Buf.copyOf(e.getValue()));
        return h;
    }

    static final String HEAD = "head";
    /** The matrices of a layer that a decode step multiplies by, in the order of {@link DecodeSession}'s slots. */
    static final String[] LAYER_WEIGHTS = {"self_attn.q_proj.weight", "self_attn.k_proj.weight",
            "self_attn.v_proj.weight", "self_attn.o_proj.weight", "mlp.gate_proj.weight", "mlp.up_proj.weight",
            "mlp.down_proj.weight"};

    static String name(int layer, String weight) {
        return "model.layers." + layer + "." + weight;
    }

    float[] get(String name) {
        return arrays.get(name);
    }
}
