package dev.srl.core.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * Incremental decoding of a batch of rows, one new token per row per step, each row at its own position,
 * over a {@link KvCache} filled by the prefill. A step is the same arithmetic as the training forward
 * pass (tests hold the two equal), laid out for tiny row counts: the products with the weights run on
 * heap copies of the weights with the vector API ({@link VectorKernels}, split over the cores; OpenBLAS
 * when the module is missing, the model is DOUBLE or the copies would not fit the heap), the attention
 * products go to BLAS, all into buffers allocated once per session, and the per-element work (norms,
 * rotary embeddings, softmax, SwiGLU, residual adds) runs as Java loops over direct views of those
 * buffers, since ND4J's per-op cost dominates at a few rows.
 */
final class DecodeSession {
    private final ModelConfig c;
    private final Map<String, INDArray> p;
    private final KvCache cache;
    private final int batch;
    private final int qw;
    private final int kw;
    private final int group;
    private final double scale;
    private final double[] cos;
    private final double[] sin;
    private final INDArray x, y, q, k, v, att, tmp, gate, up, scores, logits;
    private final Buf bx, by, bq, bk, bv, bAtt, bTmp, bGate, bUp, bScores, bLogits;
    private final INDArray head;
    private final Buf[] inNorm, postNorm, biasQ, biasK, biasV;
    private final Buf finalNorm;
    // every product's weight, resolved once: [layer][Q..DOWN] and the LM head
    private final Matrix[][] layerWeights;
    private final Matrix headWeight;
    // staging rows for VectorKernels; null when OpenBLAS does the products
    private final float[] xs;
    private final float[] ys;

    DecodeSession(ModelConfig config, Map<String, INDArray> params, INDArray head, KvCache cache, int batch, DataType dt) {
        this.c = config;
        this.p = params;
        this.head = head;
        this.cache = cache;
        this.batch = batch;
        int d = c.hiddenSize(), f = c.intermediateSize(), cap = cache.layer(0).capacity();
        qw = c.numHeads() * c.headDim();
        kw = c.numKvHeads() * c.headDim();
        group = c.numHeads() / c.numKvHeads();
        scale = 1.0 / Math.sqrt(c.headDim());
        x = Nd4j.createUninitialized(dt, batch, d);
        y = Nd4j.createUninitialized(dt, batch, d);
        q = Nd4j.createUninitialized(dt, batch, qw);
        k = Nd4j.createUninitialized(dt, batch, kw);
        v = Nd4j.createUninitialized(dt, batch, kw);
        att = Nd4j.createUninitialized(dt, batch, qw);
        tmp = Nd4j.createUninitialized(dt, batch, d);
        gate = Nd4j.createUninitialized(dt, batch, f);
        up = Nd4j.createUninitialized(dt, batch, f);
        scores = Nd4j.createUninitialized(dt, (long) batch * c.numHeads(), cap);
        logits = Nd4j.createUninitialized(dt, batch, c.vocabSize());
        bx = Buf.of(x);
        by = Buf.of(y);
        bq = Buf.of(q);
        bk = Buf.of(k);
        bv = Buf.of(v);
        bAtt = Buf.of(att);
        bTmp = Buf.of(tmp);
        bGate = Buf.of(gate);
        bUp = Buf.of(up);
        bScores = Buf.of(scores);
        bLogits = Buf.of(logits);
        int layers = c.numLayers();
        inNorm = new Buf[layers];
        postNorm = new Buf[layers];
        biasQ = new Buf[layers];
        biasK = new Buf[layers];
        biasV = new Buf[layers];
        for (int l = 0; l < layers; l++) {
            String pre = "model.layers." + l + ".";
            inNorm[l] = Buf.of(p.get(pre + "input_layernorm.weight"));
            postNorm[l] = Buf.of(p.get(pre + "post_attention_layernorm.weight"));
            if (c.attentionBias()) {
                biasQ[l] = Buf.of(p.get(pre + "self_attn.q_proj.bias"));
                biasK[l] = Buf.of(p.get(pre + "self_attn.k_proj.bias"));
                biasV[l] = Buf.of(p.get(pre + "self_attn.v_proj.bias"));
            }
        }
        finalNorm = Buf.of(p.get(Transformer.NORM));
        boolean onHeap = heapCopiesFit(head);
        layerWeights = new Matrix[layers][LAYER_WEIGHTS.length];
        for (int l = 0; l < layers; l++) {
            for (int slot = 0; slot < LAYER_WEIGHTS.length; slot++) {
                layerWeights[l][slot] = Matrix.of(p.get("model.layers." + l + "." + LAYER_WEIGHTS[slot]), onHeap);
            }
        }
        headWeight = Matrix.of(head, onHeap);
        int widest = Math.max(Math.max(d, f), Math.max(qw, c.vocabSize()));
        xs = onHeap ? new float[batch * widest] : null;
        ys = onHeap ? new float[batch * widest] : null;
        // rotary tables in the dtype of the model, as Rope builds them
        int half = c.headDim() / 2;
        cos = new double[cap * half];
        sin = new double[cap * half];
        for (int i = 0; i < half; i++) {
            double invFreq = Rope.inverseFrequency(i, c.headDim(), c.ropeTheta());
            for (int pos = 0; pos < cap; pos++) {
                double angle = pos * invFreq;
                cos[pos * half + i] = round(Math.cos(angle), dt);
                sin[pos * half + i] = round(Math.sin(angle), dt);
            }
        }
    }

    private static double round(double v, DataType dt) {
        return dt == DataType.FLOAT ? (float) v : v;
    }

    /** Feeds {@code tokens[b]} at position {@code cache.lengths()[b]} and returns the next-token logits {@code [B, V]} (a live buffer). */
    INDArray step(int[] tokens) {
        int d = c.hiddenSize();
        INDArray embed = p.get(Transformer.EMBED);
        for (int b = 0; b < batch; b++) Blas.copy(d, embed, (long) tokens[b] * d, x, (long) b * d);
        int[] pos = cache.lengths();
        for (int l = 0; l < c.numLayers(); l++) layer(l, pos);
        for (int b = 0; b < batch; b++) pos[b]++;
        rmsNorm(bx, finalNorm, by);
        linear(headWeight, y, by, d, logits, bLogits, c.vocabSize());
        return logits;
    }

    /** Copies row {@code b} of the last logits into {@code out[off..off+V)}. */
    void logitsRow(int b, double[] out, int off) {
        int vocab = c.vocabSize();
        for (int i = 0; i < vocab; i++) out[off + i] = bLogits.get(b * vocab + i);
    }

    private void layer(int l, int[] pos) {
        int d = c.hiddenSize(), f = c.intermediateSize(), dh = c.headDim();
        Matrix[] w = layerWeights[l];
        rmsNorm(bx, inNorm[l], by);
        linear(w[Q], y, by, d, q, bq, qw);
        linear(w[K], y, by, d, k, bk, kw);
        linear(w[V], y, by, d, v, bv, kw);
        if (c.attentionBias()) {
            addBias(bq, biasQ[l], qw);
            addBias(bk, biasK[l], kw);
            addBias(bv, biasV[l], kw);
        }
        rope(bq, c.numHeads(), pos);
        rope(bk, c.numKvHeads(), pos);
        KvCache.Layer layer = cache.layer(l);
        int cap = layer.capacity();
        for (int b = 0; b < batch; b++) {
            long at = ((long) b * cap + pos[b]) * kw;
            Blas.copy(kw, k, (long) b * kw, layer.keys(), at);
            Blas.copy(kw, v, (long) b * kw, layer.values(), at);
        }
        // attention of each row over its first pos[b] + 1 cached positions
        for (int b = 0; b < batch; b++) {
            int len = pos[b] + 1;
            for (int g = 0; g < c.numKvHeads(); g++) {
                Blas.gemm(false, true, group, len, dh, scale,
                        q, (long) b * qw + (long) g * group * dh, dh,
                        layer.keys(), (long) b * cap * kw + (long) g * dh, kw,
                        0, scores, ((long) b * c.numHeads() + (long) g * group) * cap, cap);
            }
            for (int h = 0; h < c.numHeads(); h++) softmax(bScores, (b * c.numHeads() + h) * cap, len);
            for (int g = 0; g < c.numKvHeads(); g++) {
                Blas.gemm(false, false, group, dh, len, 1,
                        scores, ((long) b * c.numHeads() + (long) g * group) * cap, cap,
                        layer.values(), (long) b * cap * kw + (long) g * dh, kw,
                        0, att, (long) b * qw + (long) g * group * dh, dh);
            }
        }
        linear(w[O], att, bAtt, qw, tmp, bTmp, d);
        addInto(bTmp, bx, batch * d);
        rmsNorm(bx, postNorm[l], by);
        linear(w[GATE], y, by, d, gate, bGate, f);
        linear(w[UP], y, by, d, up, bUp, f);
        for (int i = 0, n = batch * f; i < n; i++) {
            double z = bGate.get(i);
            bGate.set(i, z / (1 + Math.exp(-z)) * bUp.get(i));
        }
        linear(w[DOWN], gate, bGate, f, tmp, bTmp, d);
        addInto(bTmp, bx, batch * d);
    }

    /**
     * A weight {@code [n, k]} and, when the vector kernels run, its heap copy: the vector API reads Java arrays at
     * full speed but off-heap memory only through bounds-checked byte buffers, which measured no faster than
     * OpenBLAS. Copied once per session (a few milliseconds per 10M parameters), so updates made between
     * sessions are always seen.
     */
    private record Matrix(INDArray nd4j, float[] heap) {
        static Matrix of(INDArray w, boolean onHeap) {
            return new Matrix(w, onHeap ? Buf.copyOf(w) : null);
        }
    }

    /** The matrices of a layer that a decode step multiplies by, in slot order. */
    private static final String[] LAYER_WEIGHTS = {"self_attn.q_proj.weight", "self_attn.k_proj.weight",
            "self_attn.v_proj.weight", "self_attn.o_proj.weight", "mlp.gate_proj.weight", "mlp.up_proj.weight",
            "mlp.down_proj.weight"};
    private static final int Q = 0, K = 1, V = 2, O = 3, GATE = 4, UP = 5, DOWN = 6;

    /**
     * Whether the products use the vector kernels on heap copies: the kernels can run (vector module, a FLOAT
     * model) and the copies take at most half of the heap that is still free; otherwise OpenBLAS does them.
     */
    private boolean heapCopiesFit(INDArray head) {
        if (!Kernels.useVectors || head.dataType() != DataType.FLOAT) return false;
        long d = c.hiddenSize(), perLayer = d * (2L * qw + 2L * kw + 3L * c.intermediateSize());
        long bytes = (perLayer * c.numLayers() + head.length()) * Float.BYTES;
        Runtime rt = Runtime.getRuntime();
        return bytes <= (rt.maxMemory() - (rt.totalMemory() - rt.freeMemory())) / 2;
    }

    // Below about 256 KB of weights a product takes a few microseconds, less than waking a helper costs.
    private static final long SPLIT_MIN_WEIGHTS = 64 * 1024;

    /** {@code out [B, n] = in [B, k] · Wᵀ} for the weight {@code w [n, k]}. */
    private void linear(Matrix w, INDArray in, Buf bIn, int k, INDArray out, Buf bOut, int n) {
        if (w.heap() == null) {
            Blas.gemm(false, true, batch, n, k, 1, in, 0, k, w.nd4j(), 0, k, 0, out, 0, n);
            return;
        }
        bIn.read(xs, batch * k);
        float[] weights = w.heap();
        if ((long) n * k >= SPLIT_MIN_WEIGHTS) {
            RangeSplitter.shared().run(n, (from, to) -> VectorKernels.timesTransposed(xs, batch, k, weights, n, ys, from, to));
        } else {
            VectorKernels.timesTransposed(xs, batch, k, weights, n, ys, 0, n);
        }
        bOut.write(ys, batch * n);
    }

    private void rmsNorm(Buf in, Buf w, Buf out) {
        int d = c.hiddenSize();
        for (int b = 0; b < batch; b++) {
            double ss = 0;
            for (int i = 0; i < d; i++) {
                double e = in.get(b * d + i);
                ss += e * e;
            }
            double r = 1.0 / Math.sqrt(ss / d + c.rmsNormEps());
            for (int i = 0; i < d; i++) out.set(b * d + i, in.get(b * d + i) * r * w.get(i));
        }
    }

    private void addBias(Buf a, Buf bias, int width) {
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < width; i++) a.set(b * width + i, a.get(b * width + i) + bias.get(i));
        }
    }

    private void rope(Buf a, int heads, int[] pos) {
        int dh = c.headDim(), half = dh / 2, width = heads * dh;
        for (int b = 0; b < batch; b++) {
            int t = pos[b] * half;
            for (int h = 0; h < heads; h++) {
                int base = b * width + h * dh;
                for (int i = 0; i < half; i++) {
                    double x1 = a.get(base + i), x2 = a.get(base + half + i);
                    double cs = cos[t + i], sn = sin[t + i];
                    a.set(base + i, x1 * cs - x2 * sn);
                    a.set(base + half + i, x2 * cs + x1 * sn);
                }
            }
        }
    }

    private static void softmax(Buf a, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, a.get(off + i));
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = Math.exp(a.get(off + i) - max);
            a.set(off + i, e);
            sum += e;
        }
        for (int i = 0; i < n; i++) a.set(off + i, a.get(off + i) / sum);
    }

    private static void addInto(Buf from, Buf to, int n) {
        for (int i = 0; i < n; i++) to.set(i, to.get(i) + from.get(i));
    }

    /** Releases the session's buffers. */
    void free() {
        Free.free(x, y, q, k, v, att, tmp, gate, up, scores, logits);

    }
}
