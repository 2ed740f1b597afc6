package dev.srl.core.model.io;

import dev.srl.core.io.DataFormatException;
import dev.srl.core.model.ModelConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static dev.srl.core.model.io.WeightNames.*;

/**
 * The weights a {@link ModelConfig} needs, by Hugging Face name and shape: the list loaders validate
 * against, random initialization, and loading from safetensors.
 *
 * <pre>{@code
 * Map<String, long[]> shapes = ModelWeights.expectedShapes(config);             // in model order
 * Map<String, INDArray> w = ModelWeights.random(config, 42, DataType.FLOAT);    // deterministic
 * ModelWeights.validate(config, w, "my weights");                               // names the bad tensor
 * }</pre>
 */
public final class ModelWeights {
    /** Standard deviation of the normal init of matrices: Hugging Face's default {@code initializer_range}. */
    public static final double INIT_STD = 0.02;

    private ModelWeights() {}

    /**
     * Every tensor of the model in order (embeddings, then per layer attention and MLP, final norm, head),
     * with its shape; {@code lm_head.weight} only when embeddings are not tied, q/k/v biases only with
     * attention bias.
     */
    public static Map<String, long[]> expectedShapes(ModelConfig c) {
        long d = c.hiddenSize(), q = (long) c.numHeads() * c.headDim(), kv = (long) c.numKvHeads() * c.headDim();
        long ff = c.intermediateSize(), v = c.vocabSize();
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put(EMBED_TOKENS, new long[]{v, d});
        for (int l = 0; l < c.numLayers(); l++) {
            m.put(inputNorm(l), new long[]{d});
            m.put(qProj(l), new long[]{q, d});
            if (c.attentionBias()) m.put(qBias(l), new long[]{q});
            m.put(kProj(l), new long[]{kv, d});
            if (c.attentionBias()) m.put(kBias(l), new long[]{kv});
            m.put(vProj(l), new long[]{kv, d});
            if (c.attentionBias()) m.put(vBias(l), new long[]{kv});
            m.put(oProj(l), new long[]{d, q});
            m.put(postAttentionNorm(l), new long[]{d});
            m.put(gateProj(l), new long[]{ff, d});
            m.put(upProj(l), new long[]{ff, d});
            m.put(downProj(l), new long[]{d, ff});
        }
        m.put(FINAL_NORM, new long[]{d});
        if (!c.tieWordEmbeddings()) m.put(LM_HEAD, new long[]{v, d});
        return Collections.unmodifiableMap(m);
    }

    /** Total number of parameters. */
    public static long parameterCount(ModelConfig c) {
        long n = 0;
        for (long[] s : expectedShapes(c).values()) n += Arrays.stream(s).reduce(1, (a, b) -> a * b);
        return n;
    }

    /**
     * Checks that {@code weights} holds exactly the expected tensors with the expected shapes;
     * {@code source} names the weights in the error (an {@link IllegalArgumentException} naming the tensor).
     */
    public static void validate(ModelConfig c, Map<String, INDArray> weights, String source) {
        Map<String, long[]> expected = expectedShapes(c);
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            INDArray a = weights.get(e.getKey());
            if (a == null) throw new IllegalArgumentException(source + ": tensor '" + e.getKey() + "' is missing");
            if (!Arrays.equals(a.shape(), e.getValue())) {
                throw new IllegalArgumentException(source + ": tensor '" + e.getKey() + "' has shape "
                        + Arrays.toString(a.shape()) + ", expected " + Arrays.toString(e.getValue()));
            }
        }
        for (String name : weights.keySet()) {
            if (!expected.containsKey(name)) {
                throw new IllegalArgumentException(source + ": tensor '" + name + "' is not part of this model"
                        + (name.equals(LM_HEAD) ? " (tie_word_embeddings is true)" : ""));
            }
        }
    }

    /**
     * Reads the model's tensors from safetensors as {@code type} (FLOAT or DOUBLE). A missing tensor or a
     * wrong shape is an error naming the file and the tensor. Tensors the model does not use (a redundant
     * {@code lm_head.weight} of a tied checkpoint, old {@code rotary_emb.inv_freq} buffers) are ignored.
     */
    public static Map<String, INDArray> load(ModelConfig c, TensorSource source, DataType type) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : expectedShapes(c).entrySet()) {
            String name = e.getKey();
            if (!source.contains(name)) {
                String where = source instanceof SafetensorsIndex i ? i.indexFile().toString()
                        : source instanceof SafetensorsReader r ? r.file().toString() : "weights";
                throw new DataFormatException(where, 0, null, "tensor '" + name + "': missing, but the model config needs it");
            }
            TensorInfo info = source.info(name);
            if (!Arrays.equals(info.shape(), e.getValue())) {
                throw new DataFormatException(source.fileOf(name).toString(), 0, null, "tensor '" + name + "': shape "
                        + info.shapeString() + " does not match the config, which needs " + Arrays.toString(e.getValue()));
            }
            out.put(name, source.read(name, type));
        }
        return out;
    }

    /**
     * A freshly initialized model as Hugging Face initializes one: matrices (embeddings and head included)
     * normal(0, {@link #INIT_STD}), RMSNorm gains one, biases zero. Each tensor draws from its own
     * {@link java.util.Random}, seeded from {@code seed} and the tensor's name, whose Gaussian algorithm the
     * JDK specifies exactly, so the values are the same on every platform and do not shift when layers are
     * added. {@code type} is FLOAT, or DOUBLE for gradient checks.
     */
    public static Map<String, INDArray> random(ModelConfig c, long seed, DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("weights are FLOAT or DOUBLE, not " + type);
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : expectedShapes(c).entrySet()) {
            String name = e.getKey();
            long[] shape = e.getValue();
            if (shape.length == 1) {
                out.put(name, name.endsWith(".bias") ? Nd4j.zeros(type, shape) : Nd4j.ones(type, shape));
            } else {
                out.put(name, normal(shape, new Random(tensorSeed(seed, name)), type));
            }
        }
        return out;
    }

    private static INDArray normal(long[] shape, Random rng, DataType type) {
        long n = shape[0] * shape[1];
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("tensor too large to initialize: " + Arrays.toString(shape));
        if (type == DataType.DOUBLE) {
            double[] v = new double[(int) n];
            for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian() * INIT_STD;
            return Nd4j.create(v, shape, 'c');
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) v[i] = (float) (rng.nextGaussian() * INIT_STD);
        return Nd4j.create(v, shape, 'c');
    }

    /** SplitMix64 finalizer over the seed and the name's (JDK-specified) hash. */
    static long tensorSeed(long seed, String name) {
        long z = seed * 0x9E3779B97F4A7C15L + name.hashCode();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
