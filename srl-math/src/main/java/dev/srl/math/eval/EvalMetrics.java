package dev.srl.math.eval;

import java.util.List;

/**
 * The paper's math metrics over a benchmark's per-problem results (pure functions, no model):
 * greedy accuracy, avg@n (the mean fraction of correct samples, the paper's Avg@32) and the mean unbiased
 * pass@k.
 *
 * <pre>{@code
 * List<ProblemResult> rs = List.of(new ProblemResult("p1", true, 4, 1), new ProblemResult("p2", false, 4, 0));
 * EvalMetrics.greedyAccuracy(rs);   // 0.5
 * EvalMetrics.averageAtN(rs);       // 0.125
 * EvalMetrics.passAtK(rs, 2);       // (0.5 + 0) / 2 = 0.25
 * }</pre>
 */
public final class EvalMetrics {
    private EvalMetrics() {
    }

    /** The fraction of problems whose greedy answer was correct; every result needs a greedy outcome. */
    public static double greedyAccuracy(List<ProblemResult> results) {
        requireSome(results);
        long right = 0;
        for (ProblemResult r : results) {
            if (r.greedyCorrect() == null) throw new IllegalArgumentException("problem " + r.id() + " has no greedy result");
            if (r.greedyCorrect()) right++;
        }
        return (double) right / results.size();
    }

    /** The mean over problems of correct/samples; every problem needs the same number of samples. */
    public static double averageAtN(List<ProblemResult> results) {
        int n = commonSamples(results);
        double sum = 0;
        for (ProblemResult r : results) sum += (double) r.correct() / n;
        return sum / results.size();
    }

    /** The mean over problems of {@link PassAtK#estimate}; needs k ≤ samples everywhere. */
    public static double passAtK(List<ProblemResult> results, int k) {
        commonSamples(results);
        double sum = 0;
        for (ProblemResult r : results) sum += PassAtK.estimate(r.samples(), r.correct(), k);
        return sum / results.size();
    }

    /** The number of samples every result has (an error when they differ or are zero). */
    static int commonSamples(List<ProblemResult> results) {
        requireSome(results);
        int n = results.get(0).samples();
        for (ProblemResult r : results) {
            if (r.samples() != n || n == 0) {
                throw new IllegalArgumentException("every problem needs the same positive number of samples; "
                        + results.get(0).id() + " has " + n + ", " + r.id() + " has " + r.samples());
            }
        }
        return n;
    }

    private static void requireSome(List<ProblemResult> results) {
        if (results.isEmpty()) throw new IllegalArgumentException("no results");
    }
}
