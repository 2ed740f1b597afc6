package dev.srl.core.model.io;

/**
 * The Hugging Face tensor names of a Llama/Qwen2 decoder. Linear weights are stored {@code [out, in]}
 * (so {@code y = x·Wᵀ}); norms and biases are vectors.
 *
 * <pre>{@code
 * String q = WeightNames.qProj(3);     // "model.layers.3.self_attn.q_proj.weight"
 * }</pre>
 */
public final class WeightNames {
    /** Token embeddings {@code [vocab, hidden]}. */
    public static final String EMBED_TOKENS = "model.embed_tokens.weight";
    /** Final RMSNorm gain {@code [hidden]}. */
    public static final String FINAL_NORM = "model.norm.weight";
    /** Output projection {@code [vocab, hidden]}; absent when embeddings are tied. */
    public static final String LM_HEAD = "lm_head.weight";

    private WeightNames() {}

    /** {@code model.layers.<layer>.<suffix>}. */
    public static String layer(int layer, String suffix) { return "model.layers." + layer + "." + suffix; }

    /** RMSNorm gain before attention {@code [hidden]}. */
    public static String inputNorm(int l) { return layer(l, "input_layernorm.weight"); }
    /** {@code [heads·headDim, hidden]}. */
    public static String qProj(int l) { return layer(l, "self_attn.q_proj.weight"); }
    /** {@code [kvHeads·headDim, hidden]}. */
    public static String kProj(int l) { return layer(l, "self_attn.k_proj.weight"); }
    /** {@code [kvHeads·headDim, hidden]}. */
    public static String vProj(int l) { return layer(l, "self_attn.v_proj.weight"); }
    /** {@code [heads·headDim]}, only with attention bias. */
    public static String qBias(int l) { return layer(l, "self_attn.q_proj.bias"); }
    /** {@code [kvHeads·headDim]}, only with attention bias. */
    public static String kBias(int l) { return layer(l, "self_attn.k_proj.bias"); }
    /** {@code [kvHeads·headDim]}, only with attention bias. */
    public static String vBias(int l) { return layer(l, "self_attn.v_proj.bias"); }
    /** {@code [hidden, heads·headDim]}. */
    public static String oProj(int l) { return layer(l, "self_attn.o_proj.weight"); }
    /** RMSNorm gain before the MLP {@code [hidden]}. */
    public static String postAttentionNorm(int l) { return layer(l, "post_attention_layernorm.weight"); }
    /** {@code [intermediate, hidden]}. */
    public static String gateProj(int l) { return layer(l, "mlp.gate_proj.weight"); }
    /** {@code [intermediate, hidden]}. */
    public static String upProj(int l) { return layer(l, "mlp.up_proj.weight"); }
    /** {@code [hidden, intermediate]}. */
    public static String downProj(int l) { return layer(l, "mlp.down_proj.weight"); }
}
