package dev.srl.math.eval;

/**
 * The unbiased pass@k estimator of the Codex paper (Chen et al. 2021): with {@code n} samples of which
 * {@code c} are correct, pass@k = 1 − C(n−c, k) / C(n, k), the chance that k samples drawn without
 * replacement contain a correct one. Computed as 1 − ∏_{i=n−c+1}^{n} (1 − k/i), which never forms the huge
 * binomials and stays accurate for n in the thousands.
 *
 * <pre>{@code
 * PassAtK.estimate(10, 3, 1);   // 0.3
 * PassAtK.estimate(10, 3, 5);   // 1 - C(7,5)/C(10,5) = 1 - 21/252 = 0.91666...
 * }</pre>
 */
public final class PassAtK {
    private PassAtK() {
    }

    /** pass@k for one problem; needs 0 ≤ c ≤ n and 1 ≤ k ≤ n. */
    public static double estimate(int n, int c, int k) {
        if (n < 1 || c < 0 || c > n) throw new IllegalArgumentException("need 0 <= c <= n and n >= 1, got n=" + n + " c=" + c);
        if (k < 1 || k > n) throw new IllegalArgumentException("need 1 <= k <= n, got k=" + k + " n=" + n);
        if (n - c < k) return 1.0; // every k-subset holds a correct sample
        double allWrong = 1.0;
        for (int i = n - c + 1; i <= n; i++) allWrong *= 1.0 - (double) k / i;
        return 1.0 - allWrong;
    }
}
