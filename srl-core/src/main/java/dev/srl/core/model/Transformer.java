package dev.srl.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * A decoder-only Llama/Qwen2-family transformer on ND4J with a hand-written backward pass: token
 * embedding, pre-RMSNorm blocks with rotary grouped-query attention (optional q/k/v bias) and a SwiGLU
 * MLP, a final norm and an LM head (or the tied embedding table). Training runs on padded batches;
 * sampling decodes all prompts together with a KV cache.
 *
 * <p>The data type (FLOAT for training, DOUBLE for gradient checks) is that of the weights. The weights
 * are held, not copied (unless one is not a contiguous row-major array): {@link #parameters()} returns
 * the same arrays, so an optimizer updating them in place updates the model.
 *
 * <pre>{@code
 * Transformer model = new Transformer(config, weights);          // HF names, [out, in] linear weights
 * ForwardPass fp = model.forward(TokenBatch.pad(rows, 0), 1.0);
 * Map<String, INDArray> grads = fp.backward(dLossDLogProbs);
 * List<Completion> outs = model.sample(prompts, SamplingParams.greedy(32, config.eosTokenIds()), new Random(1));
 * }</pre>
 */
public final class Transformer implements PolicyModel {
    static final String EMBED = "model.embed_tokens.weight";
    static final String NORM = "model.norm.weight";
    static final String LM_HEAD = "lm_head.weight";

    private final ModelConfig config;
    private final Map<String, INDArray> params;
    private final DataType dataType;
    private final Rope rope;
    private final TransformerBlock[] blocks;
    private final INDArray embed;
    private final INDArray finalNorm;
    private final INDArray head;

    /**
     * @param weights every tensor named by {@link #parameterShapes}, all FLOAT or all DOUBLE
     * @throws IllegalArgumentException naming the first missing, unexpected or mis-shaped tensor
     */
    public Transformer(ModelConfig config, Map<String, INDArray> weights) {
        Kernels.useOwnThreads();
        this.config = config;
        Map<String, long[]> shapes = parameterShapes(config);
        Map<String, INDArray> p = new LinkedHashMap<>();
        DataType dt = null;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            INDArray w = weights.get(e.getKey());
            if (w == null) throw new IllegalArgumentException("missing weight " + e.getKey());
            if (!Arrays.equals(w.shape(), e.getValue())) {
                throw new IllegalArgumentException("weight " + e.getKey() + " has shape " + Arrays.toString(w.shape())
                        + ", expected " + Arrays.toString(e.getValue()));
            }
            if (dt == null) dt = w.dataType();
            if (w.dataType() != dt || (dt != DataType.FLOAT && dt != DataType.DOUBLE)) {
                throw new IllegalArgumentException("weight " + e.getKey() + " is " + w.dataType()
                        + "; all weights must be FLOAT or all DOUBLE (first was " + dt + ")");
            }
            p.put(e.getKey(), Blas.contiguous(w));
        }
        for (String name : weights.keySet()) {
            if (!shapes.containsKey(name)) throw new IllegalArgumentException("unexpected weight " + name);
        }
        this.params = Collections.unmodifiableMap(p);
        this.dataType = dt;
        this.rope = new Rope(config.headDim(), config.numHeads(), config.numKvHeads(), config.ropeTheta(), dt);
        this.blocks = new TransformerBlock[config.numLayers()];
        for (int l = 0; l < blocks.length; l++) blocks[l] = new TransformerBlock(l, config, p, rope);
        this.embed = p.get(EMBED);
        this.finalNorm = p.get(NORM);
        this.head = config.tieWordEmbeddings() ? embed : p.get(LM_HEAD);
    }

    /** Every parameter's HF name and shape for {@code config}, in checkpoint order. */
    public static Map<String, long[]> parameterShapes(ModelConfig c) {
        Map<String, long[]> out = new LinkedHashMap<>();
        out.put(EMBED, new long[]{c.vocabSize(), c.hiddenSize()});
        for (int l = 0; l < c.numLayers(); l++) TransformerBlock.declare(l, c, out);
        out.put(NORM, new long[]{c.hiddenSize()});
        if (!c.tieWordEmbeddings()) out.put(LM_HEAD, new long[]{c.vocabSize(), c.hiddenSize()});
        return out;
    }

    public ModelConfig config() {
        return config;
    }

    public DataType dataType() {
        return dataType;
    }

    @Override
    public Map<String, INDArray> parameters() {
        return params;
    }

    /** The total number of parameters. */
    public long parameterCount() {
        long n = 0;
        for (INDArray a : params.values()) n += a.length();
        return n;
    }

    /**
     * The forward pass; a batch of several rows is cut into one part per core, each run whole on its own
     * thread ({@link SplitForwardPass}), when the process's helper threads are free.
     */
    @Override
    public ForwardPass forward(TokenBatch batch, double temperature) {
        if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        int parts = Math.min(batch.batchSize(), RangeSplitter.shared().parts());
        if (parts > 1 && RangeSplitter.shared().idle()) return SplitForwardPass.run(this, batch, temperature, parts);
        return forwardOnThisThread(batch, temperature);
    }

    /** The forward pass of the whole batch on the calling thread (large products may still be split). */
    TransformerForwardPass forwardOnThisThread(TokenBatch batch, double temperature) {
        int b = batch.batchSize(), t = batch.maxLength();
        int[] ids = new int[b * t];
        int[] positions = new int[b * t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                positions[i * t + j] = j;
                if (j < batch.lengths()[i]) ids[i * t + j] = checkId(batch.tokens()[i][j], "tokens[" + i + "][" + j + "]");
            }
        }
        Rope.Angles angles = rope.angles(positions);
        INDArray x = Nd4j.pullRows(embed, 1, ids);
        TransformerBlock.Saved[] saved = new TransformerBlock.Saved[blocks.length];
        for (int l = 0; l < blocks.length; l++) {
            TransformerBlock.Output o = blocks[l].forward(x, b, t, angles);
            saved[l] = o.saved();
            x = o.out();
        }
        RmsNorm.Output norm = RmsNorm.forward(x, finalNorm, config.rmsNormEps());
        INDArray scaledLogits = Nd4j.createUninitialized(dataType, (long) b * t, config.vocabSize());
        Blas.gemm(false, true, b * t, config.vocabSize(), config.hiddenSize(), 1.0 / temperature,
                norm.y(), 0, config.hiddenSize(), head, 0, config.hiddenSize(), 0, scaledLogits, 0, config.vocabSize());
        return new TransformerForwardPass(this, batch, ids, temperature, saved, norm, scaledLogits);
    }

    /**
     * The log-probs of {@link #forward} without keeping anything for a backward pass: the activations are
     * released at once instead of waiting for the garbage collector (use it for reference or old-policy
     * log-probs and for scoring).
     */
    @Override
    public INDArray logProbs(TokenBatch batch, double temperature) {
        PassOutputs fp = (PassOutputs) forward(batch, temperature);
        fp.release();
        return fp.logProbs();
    }

    /** Back-propagates from the hidden state after the last block, then through the blocks and the embedding. */
    Map<String, INDArray> backwardFromTop(INDArray dTop, TransformerBlock.Saved[] saved, int[] ids, TokenBatch batch,
                                          Map<String, INDArray> grads) {
        INDArray dx = dTop;
        for (int l = blocks.length - 1; l >= 0; l--) dx = blocks[l].backward(dx, saved[l], grads);
        INDArray dEmbed = grads.get(EMBED);
        int t = batch.maxLength(), d = config.hiddenSize();
        for (int i = 0; i < batch.batchSize(); i++) {
            for (int j = 0; j < batch.lengths()[i]; j++) {
                int row = i * t + j;
                // scatter-add: a token that occurs twice receives both rows' gradients
                Blas.axpy(d, 1, dx, (long) row * d, dEmbed, (long) ids[row] * d);
            }
        }
        Free.free(dx);
        return grads;
    }

    /** Zero gradients shaped like the parameters. */
    Map<String, INDArray> zeroGradients() {
        Map<String, INDArray> g = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> e : params.entrySet()) g.put(e.getKey(), Nd4j.zeros(dataType, e.getValue().shape()));
        return g;
    }

    INDArray head() {
        return head;
    }

    String headName() {
        return config.tieWordEmbeddings() ? EMBED : LM_HEAD;
    }

    INDArray finalNorm() {
        return finalNorm;
    }

    private int checkId(int id, String where) {
        if (id < 0 || id >= config.vocabSize()) {
            throw new IllegalArgumentException(where + " = " + id + " is outside the vocabulary [0, " + config.vocabSize() + ")");
        }
        return id;
    }

    @Override
    public List<Completion> sample(List<int[]> prompts, SamplingParams params, Random rng) {
        return sample(prompts, params, rng, null);
    }

    /**
     * Samples one completion per prompt, all prompts decoded together with a KV cache. Stop strings need
     * {@code detokenizer} (new tokens to text); without one, {@code params.stopStrings()} must be empty.
     * A completion's log-probs are those of the temperature-scaled distribution before top-k/top-p
     * filtering (temperature 1 when greedy), i.e. what {@link #forward} reports for the same tokens.
     */
    public List<Completion> sample(List<int[]> prompts, SamplingParams params, Random rng,
                                   Function<int[], String> detokenizer) {
        if (!params.stopStrings().isEmpty() && detokenizer == null) {
            throw new IllegalArgumentException("stop strings need a detokenizer");
        }
        int batch = prompts.size();
        if (batch == 0) return List.of();
        int maxPrompt = 0;
        for (int b = 0; b < batch; b++) {
            int[] p = prompts.get(b);
            if (p.length == 0) throw new IllegalArgumentException("prompt " + b + " is empty");
            for (int j = 0; j < p.length; j++) checkId(p[j], "prompt " + b + " token " + j);
            maxPrompt = Math.max(maxPrompt, p.length);
        }
        KvCache cache = new KvCache(blocks.length, batch, maxPrompt + params.maxNewTokens(),
                config.numKvHeads() * config.headDim(), dataType);
        INDArray prefillLogits = prefill(prompts, maxPrompt, cache);
        int vocab = config.vocabSize();
        double[] rows = prefillLogits.data().asDouble();
        Free.free(prefillLogits);
        DecodeSession session = new DecodeSession(config, this.params, head, cache, batch, dataType);
        TokenSampler sampler = new TokenSampler(params, rng);
        List<Generation> gens = new ArrayList<>();
        for (int b = 0; b < batch; b++) gens.add(new Generation(params.maxNewTokens()));
        int[] next = new int[batch];
        try {
            while (true) {
                boolean anyActive = false;
                for (int b = 0; b < batch; b++) {
                    Generation g = gens.get(b);
                    if (g.finish != null) continue;
                    TokenSampler.Pick pick = sampler.pick(rows, b * vocab, vocab);
                    g.add(pick.token(), pick.logProb());
                    next[b] = pick.token();
                    if (params.stopIds().contains(pick.token())) {
                        g.finish = Completion.FinishReason.STOP_TOKEN;
                    } else if (hitsStopString(g, params, detokenizer)) {
                        g.finish = Completion.FinishReason.STOP_STRING;
                    } else if (g.size == params.maxNewTokens()) {
                        g.finish = Completion.FinishReason.LENGTH;
                    } else {
                        anyActive = true;
                    }
                }
                if (!anyActive) break;
                // Finished rows keep stepping with their last token (their output is ignored), so the batch keeps its shape.
                session.step(next);
                for (int b = 0; b < batch; b++) {
                    if (gens.get(b).finish == null) session.logitsRow(b, rows, b * vocab);
                }
            }
        } finally {
            session.free();
        }
        List<Completion> out = new ArrayList<>(batch);
        for (Generation g : gens) out.add(g.toCompletion());
        return out;
    }

    private static boolean hitsStopString(Generation g, SamplingParams params, Function<int[], String> detokenizer) {
        if (params.stopStrings().isEmpty()) return false;
        String text = detokenizer.apply(Arrays.copyOf(g.tokens, g.size));
        for (String s : params.stopStrings()) {
            if (text.contains(s)) return true;
        }
        return false;
    }

    /** Runs the prompts as one right-padded batch, fills the cache, returns the logits {@code [B, V]} of each last prompt position. */
    private INDArray prefill(List<int[]> prompts, int time, KvCache cache) {
        int batch = prompts.size();
        int[] ids = new int[batch * time];
        int[] positions = new int[batch * time];
        int[] last = new int[batch];
        for (int b = 0; b < batch; b++) {
            int[] p = prompts.get(b);
            System.arraycopy(p, 0, ids, b * time, p.length);
            for (int j = 0; j < time; j++) positions[b * time + j] = j;
            last[b] = b * time + p.length - 1;
            cache.lengths()[b] = p.length;
        }
        Rope.Angles angles = rope.angles(positions);
        INDArray x = Nd4j.pullRows(embed, 1, ids);
        for (int l = 0; l < blocks.length; l++) {
            TransformerBlock.Output o = blocks[l].forward(x, batch, time, angles);
            INDArray[] kv = TransformerBlock.keysValues(o.saved());
            for (int b = 0; b < batch; b++) cache.write(l, b, 0, kv[0], kv[1], (long) b * time, prompts.get(b).length);
            o.saved().free();
            x = o.out();
        }
        angles.free();
        INDArray lastRows = Nd4j.pullRows(x, 1, last);
        Free.free(x);
        INDArray logits = logits(lastRows);
        Free.free(lastRows);
        return logits;
    }

    private INDArray logits(INDArray hidden) {
        RmsNorm.Output n = RmsNorm.forward(hidden, finalNorm, config.rmsNormEps());
        INDArray logits = Blas.timesTransposed(n.y(), head);
        Free.free(n.y(), n.saved().invRms());
        return logits;
    }

    /** A completion under construction. */
    private static final class Generation {
        final int[] tokens;
        final float[] logProbs;
        int size;
        Completion.FinishReason finish;

        Generation(int max) {
            tokens = new int[max];
            logProbs = new float[max];
        }

        void add(int token, double logProb) {
            tokens[size] = token;
            logProbs[size] = (float) logProb;
            size++;
        }

        Completion toCompletion() {
            return new Completion(Arrays.copyOf(tokens, size), Arrays.copyOf(logProbs, size), finish);
        }
    }
}
