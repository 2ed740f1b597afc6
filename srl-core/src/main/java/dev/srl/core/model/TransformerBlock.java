package dev.srl.core.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * One pre-norm decoder layer:
 * {@code h = x + o_proj(attn(rope(q), rope(k), v))} on {@code rmsnorm(x)}, then
 * {@code out = h + mlp(rmsnorm(h))}.
 */
final class TransformerBlock {
    private final String prefix;
    private final ModelConfig config;
    private final Attention attention;
    private final Rope rope;
    private final INDArray inNorm, postNorm, wq, wk, wv, bq, bk, bv, wo, wGate, wUp, wDown;

    TransformerBlock(int index, ModelConfig config, Map<String, INDArray> params, Rope rope) {
        this.prefix = "model.layers." + index + ".";
        this.config = config;
        this.rope = rope;
        this.attention = new Attention(config.numHeads(), config.numKvHeads(), config.headDim());
        inNorm = params.get(prefix + "input_layernorm.weight");
        postNorm = params.get(prefix + "post_attention_layernorm.weight");
        wq = params.get(prefix + "self_attn.q_proj.weight");
        wk = params.get(prefix + "self_attn.k_proj.weight");
        wv = params.get(prefix + "self_attn.v_proj.weight");
        bq = params.get(prefix + "self_attn.q_proj.bias");
        bk = params.get(prefix + "self_attn.k_proj.bias");
        bv = params.get(prefix + "self_attn.v_proj.bias");
        wo = params.get(prefix + "self_attn.o_proj.weight");
        wGate = params.get(prefix + "mlp.gate_proj.weight");
        wUp = params.get(prefix + "mlp.up_proj.weight");
        wDown = params.get(prefix + "mlp.down_proj.weight");
    }

    /** The parameter names of layer {@code index} with their shapes, in the order of the HF checkpoints. */
    static void declare(int index, ModelConfig c, Map<String, long[]> out) {
        String p = "model.layers." + index + ".";
        int d = c.hiddenSize(), q = c.numHeads() * c.headDim(), kv = c.numKvHeads() * c.headDim();
        out.put(p + "input_layernorm.weight", new long[]{d});
        out.put(p + "self_attn.q_proj.weight", new long[]{q, d});
        if (c.attentionBias()) out.put(p + "self_attn.q_proj.bias", new long[]{q});
        out.put(p + "self_attn.k_proj.weight", new long[]{kv, d});
        if (c.attentionBias()) out.put(p + "self_attn.k_proj.bias", new long[]{kv});
        out.put(p + "self_attn.v_proj.weight", new long[]{kv, d});
        if (c.attentionBias()) out.put(p + "self_attn.v_proj.bias", new long[]{kv});
        out.put(p + "self_attn.o_proj.weight", new long[]{d, q});
        out.put(p + "post_attention_layernorm.weight", new long[]{d});
        out.put(p + "mlp.gate_proj.weight", new long[]{c.intermediateSize(), d});
        out.put(p + "mlp.up_proj.weight", new long[]{c.intermediateSize(), d});
        out.put(p + "mlp.down_proj.weight", new long[]{d, c.intermediateSize()});
    }

    record Saved(RmsNorm.Saved norm1, INDArray attnInput, Rope.Angles angles, Attention.Saved attn, INDArray attnOut,
                 RmsNorm.Saved norm2, SwiGluMlp.Saved mlp) {
        /** Releases every activation, the block's input included (but not the shared rotary angles). */
        void free() {
            norm1.free();
            Free.free(attnInput, attnOut);
            attn.free();
            norm2.free();
            mlp.free();
        }
    }

    record Output(INDArray out, Saved saved) {
    }

    /** {@code x [B*T, d]} with row {@code b*T + t} at position {@code t}. */
    Output forward(INDArray x, int batch, int time, Rope.Angles angles) {
        RmsNorm.Output n1 = RmsNorm.forward(x, inNorm, config.rmsNormEps());
        INDArray[] qkv = projectQkv(n1.y(), angles);
        Attention.Output att = attention.forward(qkv[0], qkv[1], qkv[2], batch, time);
        INDArray h = Blas.timesTransposed(att.out(), wo).addi(x);
        RmsNorm.Output n2 = RmsNorm.forward(h, postNorm, config.rmsNormEps());
        SwiGluMlp.Output mlp = SwiGluMlp.forward(n2.y(), wGate, wUp, wDown);
        INDArray out = mlp.y().addi(h);
        return new Output(out, new Saved(n1.saved(), n1.y(), angles, att.saved(), att.out(), n2.saved(), mlp.saved()));
    }

    private INDArray[] projectQkv(INDArray y, Rope.Angles angles) {
        INDArray q = Blas.timesTransposed(y, wq);
        INDArray k = Blas.timesTransposed(y, wk);
        INDArray v = Blas.timesTransposed(y, wv);
        if (bq != null) {
            q.addiRowVector(bq);
            k.addiRowVector(bk);
            v.addiRowVector(bv);
        }
        rope.applyQ(q, angles);
        rope.applyK(k, angles);
        return new INDArray[]{q, k, v};
    }

    /** Returns {@code dL/dx} and adds this layer's parameter gradients into {@code grads}. */
    INDArray backward(INDArray dOut, Saved s, Map<String, INDArray> grads) {
        INDArray dNorm2 = SwiGluMlp.backward(dOut, s.mlp(), wGate, wUp, wDown,
                grads.get(prefix + "mlp.gate_proj.weight"), grads.get(prefix + "mlp.up_proj.weight"),
                grads.get(prefix + "mlp.down_proj.weight"));
        INDArray dh = RmsNorm.backward(dNorm2, s.norm2(), postNorm, grads.get(prefix + "post_attention_layernorm.weight"))
                .addi(dOut);
        Free.free(dNorm2, dOut);
        Blas.weightGrad(dh, s.attnOut(), 1, grads.get(prefix + "self_attn.o_proj.weight"));
        INDArray dAttn = Nd4j.createUninitialized(s.attnOut().dataType(), s.attnOut().shape());
        Blas.times(dh, wo, 0, dAttn);
        INDArray[] d = attention.backward(dAttn, s.attn());
        Free.free(dAttn);
        rope.backwardQ(d[0], s.angles());
        rope.backwardK(d[1], s.angles());
        INDArray y = s.attnInput();
        String[] names = {"q_proj", "k_proj", "v_proj"};
        INDArray[] weights = {wq, wk, wv};
        INDArray dy = Nd4j.createUninitialized(y.dataType(), y.shape());
        for (int i = 0; i < 3; i++) {
            Blas.weightGrad(d[i], y, 1, grads.get(prefix + "self_attn." + names[i] + ".weight"));
            if (bq != null) {
                INDArray sum = d[i].sum(0);
                grads.get(prefix + "self_attn." + names[i] + ".bias").addi(sum);
                Free.free(sum);
            }
            Blas.times(d[i], weights[i], i == 0 ? 0 : 1, dy);
        }
        Free.free(d);
        INDArray dx = RmsNorm.backward(dy, s.norm1(), inNorm, grads.get(prefix + "input_layernorm.weight")).addi(dh);
        Free.free(dy, dh);
        s.free();
        return dx;
    }

    /** Keys and values of a forward pass, for filling a cache after a batched prefill. */
    static INDArray[] keysValues(Saved s) {
        return new INDArray[]{s.attn().k(), s.attn().v()};
    }
}
