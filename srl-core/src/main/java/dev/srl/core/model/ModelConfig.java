package dev.srl.core.model;

import java.util.List;

/**
 * The architecture of a Llama/Qwen2-family decoder, as read from a Hugging Face {@code config.json}.
 *
 * @param modelType             {@code "llama"} or {@code "qwen2"}
 * @param hiddenSize            model width d
 * @param intermediateSize      SwiGLU inner width
 * @param numLayers             number of transformer blocks
 * @param numHeads              query heads
 * @param numKvHeads            key/value heads (grouped-query attention when fewer than {@code numHeads})
 * @param headDim               width of one head (usually {@code hiddenSize / numHeads})
 * @param rmsNormEps            RMSNorm epsilon
 * @param ropeTheta             rotary embedding base
 * @param vocabSize             rows of the embedding table (may exceed the tokenizer's vocabulary)
 * @param tieWordEmbeddings     whether the LM head reuses the embedding table
 * @param attentionBias         whether q/k/v projections have a bias (Qwen2: true)
 * @param maxPositionEmbeddings longest supported sequence
 * @param bosTokenId            beginning-of-sequence id, or -1
 * @param eosTokenIds           end-of-sequence ids (may be empty)
 */
public record ModelConfig(String modelType, int hiddenSize, int intermediateSize, int numLayers,
                          int numHeads, int numKvHeads, int headDim, double rmsNormEps, double ropeTheta,
                          int vocabSize, boolean tieWordEmbeddings, boolean attentionBias,
                          int maxPositionEmbeddings, int bosTokenId, List<Integer> eosTokenIds) {
    public ModelConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
        if (numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads (" + numHeads
                    + ") must be a multiple of num_key_value_heads (" + numKvHeads + ")");
        }
        if (headDim % 2 != 0) throw new IllegalArgumentException("head_dim must be even for rotary embeddings, got " + headDim);
    }
}
