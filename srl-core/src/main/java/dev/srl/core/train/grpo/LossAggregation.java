package dev.srl.core.train.grpo;

/**
 * How per-token losses of a batch become one number. Each mode is a weight per token, so that
 * {@code loss = Σ_{b,t} w[b][t]·m[b][t]·ℓ[b][t]}; the weights are computed once over the whole batch and
 * then sliced for micro-batches, so gradient accumulation gives exactly the full-batch gradient.
 *
 * <pre>{@code
 * double[][] w = LossAggregation.TOKEN_MEAN.weights(mask, 512);
 * }</pre>
 */
public enum LossAggregation {
    /** {@code Σ mℓ / Σ m} over the batch: every token counts the same (DAPO, TRL's default {@code dapo}, verl {@code token-mean}). */
    TOKEN_MEAN,
    /** Mean over sequences of each sequence's token mean (the original GRPO objective, paper Eq. 1): short completions weigh more per token. */
    SEQUENCE_MEAN,
    /** {@code Σ mℓ / (B · maxCompletionLength)}: a constant normaliser, free of length bias (Dr. GRPO). */
    DR_GRPO_CONSTANT;

    /**
     * The per-token weights for a batch.
     *
     * @param mask                {@code [B][T]}, 1 where a token takes part in the loss, else 0
     * @param maxCompletionLength the constant of {@link #DR_GRPO_CONSTANT} (the generation limit); ignored otherwise
     * @return {@code [B][T]} weights (0 where the mask is 0); all 0 if the mask is empty
     */
    public double[][] weights(double[][] mask, int maxCompletionLength) {
        int rows = mask.length;
        double[][] w = new double[rows][];
        double total = 0;
        for (double[] row : mask) for (double m : row) total += m;
        for (int b = 0; b < rows; b++) {
            double[] m = mask[b];
            w[b] = new double[m.length];
            double scale;
            switch (this) {
                case TOKEN_MEAN -> scale = total > 0 ? 1.0 / total : 0;
                case SEQUENCE_MEAN -> {
                    double n = 0;
                    for (double v : m) n += v;
                    scale = n > 0 ? 1.0 / (rows * n) : 0;
                }
                case DR_GRPO_CONSTANT -> {
                    if (maxCompletionLength < 1) {
                        throw new IllegalArgumentException("DR_GRPO_CONSTANT needs maxCompletionLength >= 1, got " + maxCompletionLength);
                    }
                    scale = 1.0 / ((double) rows * maxCompletionLength);
                }
                default -> throw new AssertionError(this);
            }
            for (int t = 0; t < m.length; t++) w[b][t] = m[t] * scale;
        }
        return w;
    }
}
