package dev.srl.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rotated keys and values of every layer for a batch of sequences that grow one token per step, each row
 * at its own length: {@code [B, capacity, kvHeads*headDim]} per layer and tensor.
 */
final class KvCache {
    private final Layer[] layers;
    private final int[] lengths;

    record Layer(INDArray keys, INDArray values, int capacity) {
    }

    KvCache(int numLayers, int batch, int capacity, int kvWidth, DataType dataType) {
        layers = new Layer[numLayers];
        for (int l = 0; l < numLayers; l++) {
            layers[l] = new Layer(Nd4j.zeros(dataType, batch, capacity, kvWidth),
                    Nd4j.zeros(dataType, batch, capacity, kvWidth), capacity);
        }
        lengths = new int[batch];
    }

    Layer layer(int l) {
        return layers[l];
    }

    /** The number of cached positions of each row (live). */
    int[] lengths() {
        return lengths;
    }

    /** Writes {@code count} rows of {@code k, v [*, kvWidth]} starting at {@code srcRow} into row {@code b} at position {@code pos}. */
    void write(int l, int b, int pos, INDArray k, INDArray v, long srcRow, int count) {
        Layer layer = layers[l];
        if (pos + count > layer.capacity()) {
            throw new IllegalStateException("KV cache full: capacity " + layer.capacity() + ", need " + (pos + count));
        }
        int width = (int) k.size(1);
        long dst = ((long) b * layer.capacity() + pos) * width;
        Blas.copy(count * width, k, srcRow * width, layer.keys(), dst);
        Blas.copy(count * width, v, srcRow * width, layer.values(), dst);
    }
}
