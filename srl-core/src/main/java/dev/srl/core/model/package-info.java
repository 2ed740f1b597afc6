/**
 * The policy model: a decoder-only Llama/Qwen2-family transformer on ND4J with a hand-written backward pass.
 *
 * <p>{@link dev.srl.core.model.Transformer} implements {@link dev.srl.core.model.PolicyModel}. Each layer is
 * a small class with a forward pass that returns what its backward pass needs ({@code RmsNorm},
 * {@code Rope}, {@code Attention}, {@code SwiGluMlp}, {@code TransformerBlock}); nothing is differentiated
 * automatically, and every gradient is checked against central finite differences in double precision
 * ({@code TransformerGradientTest}).
 *
 * <ul>
 *   <li><b>Layout.</b> Activations are {@code [B*T, width]} rows; row {@code b*T + t} is position {@code t}
 *       of sequence {@code b}. Padding is on the right, so the causal mask alone keeps padded positions
 *       out of real ones, and their gradients are zero.</li>
 *   <li><b>Products.</b> Every matrix product calls OpenBLAS's {@code cblas_sgemm}/{@code cblas_dgemm}
 *       directly on the arrays' memory ({@code Blas}); attention addresses each head's slice by offset
 *       and leading dimension, so there is no transpose or {@code repeat_kv} copy. Decoding multiplies
 *       its few rows with the JDK's vector API instead ({@code VectorKernels}).</li>
 *   <li><b>Threads and kernels.</b> ND4J and OpenBLAS run on one thread; the model spreads its own work
 *       over the cores ({@code RangeSplitter}, {@code SplitForwardPass}), and in float its element-wise
 *       work runs as fused vector-API passes ({@code VectorOps}) with the ND4J operations as the reference
 *       path ({@code Kernels}; docs/architecture.md, "Threads and kernels").</li>
 *   <li><b>Memory.</b> ND4J frees an array only when its Java wrapper is collected; the backward pass
 *       and the decoding loop release activations and temporaries as soon as they are used
 *       ({@code Free}), which keeps the resident size flat and avoids page faults on fresh memory.
 *       The only {@code [B*T, vocab]} array kept is the log-softmax, turned into its own gradient in
 *       place. A forward pass serves one backward pass; for log-probs alone use
 *       {@link dev.srl.core.model.Transformer#logProbs}.</li>
 *   <li><b>Sampling.</b> The prompts are prefilled as one right-padded batch through the training
 *       forward pass, which fills a {@code KvCache}; then all rows decode together, one token per row
 *       per step at each row's own position ({@code DecodeSession}: vector-API or BLAS products, Java
 *       loops for the per-element work of a few rows). Stop strings need a detokenizer
 *       ({@link dev.srl.core.model.Transformer#sample(java.util.List, SamplingParams, java.util.Random,
 *       java.util.function.Function)}). Reported log-probs are those of the temperature-scaled
 *       distribution before top-k/top-p, i.e. what the training forward pass gives the same tokens.</li>
 *   <li><b>Cross-check.</b> {@code scripts/crosscheck-torch.py} compares {@code srl logprobs} and
 *       {@code srl generate --greedy} with an independent PyTorch implementation
 *       ({@code scripts/torch_model.py}).</li>
 * </ul>
 */
package dev.srl.core.model;
