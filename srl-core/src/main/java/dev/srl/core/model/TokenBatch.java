package dev.srl.core.model;

/**
 * A padded batch of token sequences for a training forward pass.
 *
 * @param tokens  {@code [B][T]} token ids, each row padded to the same length {@code T} (the pad value is ignored)
 * @param lengths the real length of each row; positions {@code >= lengths[b]} take no part in the loss or gradients
 */
public record TokenBatch(int[][] tokens, int[] lengths) {
    public TokenBatch {
        if (tokens.length != lengths.length) {
            throw new IllegalArgumentException("tokens has " + tokens.length + " rows but lengths has " + lengths.length);
        }
        int t = tokens.length == 0 ? 0 : tokens[0].length;
        for (int b = 0; b < tokens.length; b++) {
            if (tokens[b].length != t) throw new IllegalArgumentException("row " + b + " is not padded to " + t);
            if (lengths[b] < 0 || lengths[b] > t) throw new IllegalArgumentException("lengths[" + b + "] out of range");
        }
    }

    /** Pads {@code rows} with {@code padId} to the longest row. */
    public static TokenBatch pad(java.util.List<int[]> rows, int padId) {
        int t = 0;
        for (int[] r : rows) t = Math.max(t, r.length);
        int[][] toks = new int[rows.size()][t];
        int[] lens = new int[rows.size()];
        for (int b = 0; b < rows.size(); b++) {
            int[] r = rows.get(b);
            java.util.Arrays.fill(toks[b], padId);
            System.arraycopy(r, 0, toks[b], 0, r.length);
            lens[b] = r.length;
        }
        return new TokenBatch(toks, lens);
    }

    public int batchSize() { return tokens.length; }

    public int maxLength() { return tokens.length == 0 ? 0 : tokens[0].length; }
}
