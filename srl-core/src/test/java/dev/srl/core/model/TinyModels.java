package dev.srl.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Tiny random transformers for tests. */
public final class TinyModels {
    private TinyModels() {
    }

    /** Qwen2 style: q/k/v bias, grouped-query attention (4 heads, 2 kv heads), tied embeddings. */
    public static ModelConfig qwen2(int vocab) {
        return new ModelConfig("qwen2", 8, 12, 2, 4, 2, 2, 1e-6, 10000.0, vocab, true, true, 128, -1, List.of());
    }

    /** Llama style: no bias, multi-head attention, untied LM head. */
    public static ModelConfig llama(int vocab) {
        return new ModelConfig("llama", 8, 12, 2, 2, 2, 4, 1e-5, 500.0, vocab, false, false, 128, -1, List.of());
    }

    /** Random weights with the scale of a freshly initialised model (norm weights near 1). */
    public static Map<String, INDArray> randomWeights(ModelConfig config, long seed, DataType dataType) {
        Random rng = new Random(seed);
        Map<String, INDArray> w = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : Transformer.parameterShapes(config).entrySet()) {
            long[] shape = e.getValue();
            int n = 1;
            for (long s : shape) n *= (int) s;
            double[] v = new double[n];
            boolean norm = e.getKey().endsWith("norm.weight");
            double scale = e.getKey().endsWith(".bias") ? 0.1 : norm ? 0.1 : 0.5;
            for (int i = 0; i < n; i++) v[i] = (norm ? 1.0 : 0.0) + scale * rng.nextGaussian();
            w.put(e.getKey(), Nd4j.createFromArray(v).reshape(shape).castTo(dataType));
        }
        return w;
    }

    public static Transformer model(ModelConfig config, long seed, DataType dataType) {
        return new Transformer(config, randomWeights(config, seed, dataType));
    }
}
