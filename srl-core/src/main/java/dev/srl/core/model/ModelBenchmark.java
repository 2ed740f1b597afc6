package dev.srl.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Training and decoding throughput of the {@link Transformer} on random weights and random tokens: a training
 * step is forward + backward + a plain AdamW update of every parameter; decoding is greedy KV-cache
 * generation of a batch of equal-length prompts (no stop ids, so every row runs to the limit).
 *
 * <pre>{@code
 * ModelBenchmark.Result r = ModelBenchmark.run(ModelBenchmark.sizes().get(0), 10, 3);
 * System.out.println(r.trainTokensPerSecond());
 * }</pre>
 */
public final class ModelBenchmark {
    private ModelBenchmark() {
    }

    /**
     * A benchmark shape.
     *
     * @param batch          training rows per step
     * @param time           training tokens per row ({@code batch * time} tokens per step)
     * @param decodeBatch    prompts decoded together
     * @param promptLength   tokens per prompt
     * @param newTokens      tokens generated per prompt
     */
    public record Size(String name, ModelConfig config, int batch, int time, int decodeBatch, int promptLength, int newTokens) {
    }

    /** Throughput of one size: training tokens/s (forward, backward, AdamW) and generated tokens/s. */
    public record Result(Size size, long parameters, double stepMillis, double stepCpuMillis, double trainTokensPerSecond,
                         double decodeTokensPerSecond, double decodeCpuMillisPerToken) {
    }

    /** About 1M, 10M and 30M parameters, Qwen2-style (bias, grouped-query attention, tied embeddings), 512 tokens per step. */
    public static List<Size> sizes() {
        return List.of(
                new Size("1M", config(128, 344, 4, 4, 2, 1024), 8, 64, 8, 16, 64),
                new Size("10M", config(384, 1024, 6, 6, 2, 4096), 4, 128, 8, 16, 64),
                new Size("30M", config(512, 1536, 8, 8, 4, 8192), 4, 128, 8, 16, 64));
    }

    /** A Qwen2-style configuration of the benchmark family: hidden size, MLP size, layers, heads, KV heads, vocabulary. */
    public static ModelConfig config(int d, int ff, int layers, int heads, int kvHeads, int vocab) {
        return new ModelConfig("qwen2", d, ff, layers, heads, kvHeads, d / heads, 1e-6, 10000.0, vocab, true, true,
                4096, -1, List.of());
    }

    /** Untimed training steps and generations before the timed ones. */
    public static final int WARMUP = 3;

    /** Measures {@code steps} training steps and {@code decodeRuns} generations (medians) after {@link #WARMUP} warm-ups of each. */
    public static Result run(Size size, int steps, int decodeRuns) {
        Transformer model = new Transformer(size.config(), randomWeights(size.config(), 1));
        Random rng = new Random(2);
        int v = size.config().vocabSize();
        int[][] tokens = new int[size.batch()][size.time()];
        for (int[] row : tokens) for (int j = 0; j < row.length; j++) row[j] = rng.nextInt(v);
        int[] lengths = new int[size.batch()];
        java.util.Arrays.fill(lengths, size.time());
        TokenBatch batch = new TokenBatch(tokens, lengths);
        AdamW adam = new AdamW(model.parameters(), 1e-4, 0.01);
        INDArray dLogProbs = Nd4j.ones(DataType.FLOAT, size.batch(), size.time()).divi(size.batch() * size.time());
        // warm-up: the JIT compiles the hot loops during the first steps, on the same two cores
        for (int w = 0; w < WARMUP; w++) trainStep(model, batch, dLogProbs, adam);
        double[] stepMs = new double[steps];
        long cpu0 = cpuNanos();
        for (int s = 0; s < steps; s++) {
            long t0 = System.nanoTime();
            trainStep(model, batch, dLogProbs, adam);
            stepMs[s] = (System.nanoTime() - t0) / 1e6;
        }

        double stepCpuMs = (cpuNanos() - cpu0) / 1e6 / steps;
        List<int[]> prompts = new ArrayList<>();
        for (int b = 0; b < size.decodeBatch(); b++) {
            int[] p = new int[size.promptLength()];
            for (int j = 0; j < p.length; j++) p[j] = rng.nextInt(v);
            prompts.add(p);
        }
        SamplingParams greedy = SamplingParams.greedy(size.newTokens(), List.of());
        for (int w = 0; w < WARMUP; w++) model.sample(prompts, greedy, new Random(1));
        double[] decodeSec = new double[decodeRuns];
        long cpu1 = cpuNanos();
        for (int r = 0; r < decodeRuns; r++) {
            long t1 = System.nanoTime();
            model.sample(prompts, greedy, new Random(1));
            decodeSec[r] = (System.nanoTime() - t1) / 1e9;
        }
        double decodeCpuMsPerToken = (cpuNanos() - cpu1) / 1e6 / decodeRuns / (size.decodeBatch() * size.newTokens());
        double ms = median(stepMs);
        return new Result(size, model.parameterCount(), ms, stepCpuMs, size.batch() * size.time() / (ms / 1000),
                size.decodeBatch() * size.newTokens() / median(decodeSec), decodeCpuMsPerToken);
    }

    /** CPU time of the whole process (all threads): steadier than wall time on a shared machine. */
    static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** The median, which shrugs off the stalls of a shared machine better than the mean. */
    public static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static void trainStep(Transformer model, TokenBatch batch, INDArray dLogProbs, AdamW adam) {
        ForwardPass fp = model.forward(batch, 1.0);
        adam.step(fp.backward(dLogProbs.neg()));
    }

    /** Normal(0, 0.02) weights, norm weights 1, biases 0: the usual fresh initialisation. */
    public static Map<String, INDArray> randomWeights(ModelConfig config, long seed) {
        Nd4j.getRandom().setSeed(seed);
        Map<String, INDArray> w = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : Transformer.parameterShapes(config).entrySet()) {
            String n = e.getKey();
            INDArray a = n.endsWith("norm.weight") ? Nd4j.ones(DataType.FLOAT, e.getValue())
                    : n.endsWith(".bias") ? Nd4j.zeros(DataType.FLOAT, e.getValue())
                    : Nd4j.randn(DataType.FLOAT, e.getValue()).muli(0.02);
            w.put(n, a);
        }
        return w;
    }

    /** A plain AdamW for the benchmark (bias-corrected, decoupled weight decay). */
    static final class AdamW {
        private final Map<String, INDArray> params;
        private final Map<String, INDArray> m = new LinkedHashMap<>();
        private final Map<String, INDArray> v = new LinkedHashMap<>();
        private final double lr;
        private final double weightDecay;
        private int t;

        AdamW(Map<String, INDArray> params, double lr, double weightDecay) {
            this.params = params;
            this.lr = lr;
            this.weightDecay = weightDecay;
            for (Map.Entry<String, INDArray> e : params.entrySet()) {
                m.put(e.getKey(), Nd4j.zeros(e.getValue().dataType(), e.getValue().shape()));
                v.put(e.getKey(), Nd4j.zeros(e.getValue().dataType(), e.getValue().shape()));
            }
        }

        void step(Map<String, INDArray> grads) {
            String[] names = params.keySet().toArray(new String[0]);
            int iteration = t;
            Parallel.forEach(names.length, i -> {
                INDArray g = grads.get(names[i]), p = params.get(names[i]);
                if (!FusedUpdates.adamW(p, g, m.get(names[i]), v.get(names[i]), 0.9, 0.999, 1e-8, weightDecay, lr, iteration + 1)) {
                    // ND4J's fused Adam op turns g into the bias-corrected update and advances m and v in place
                    Nd4j.exec(new AdamUpdater(g, v.get(names[i]), m.get(names[i]), lr, 0.9, 0.999, 1e-8, iteration));
                    p.muli(1 - lr * weightDecay).subi(g);
                }
                Free.free(g);
            });
            t++;
        }
    }
}
