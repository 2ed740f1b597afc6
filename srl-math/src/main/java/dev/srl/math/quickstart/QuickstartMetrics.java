package dev.srl.math.quickstart;

import dev.srl.math.eval.BenchmarkScore;
import dev.srl.math.evaluation.StepSimilarityEval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The held-out scores of one model in the quickstart.
 *
 * @param stepSimilarity mean similarity of the greedy next step to the expert's (broken format counts 0)
 * @param stepReward     mean SRL reward of those steps (−1 for a broken format)
 * @param formatOk       fraction of next-step responses in the {@code <think>…</think>step} format
 * @param greedyAccuracy fraction of held-out problems solved step by step (greedy) with the right boxed answer
 * @param averageAtK     avg@k of k sampled step-by-step solutions per problem (NaN when k = 0)
 * @param passAtK        unbiased pass@k of the same samples (NaN when k = 0)
 * @param k              samples per problem
 */
public record QuickstartMetrics(double stepSimilarity, double stepReward, double formatOk, double greedyAccuracy,
                                double averageAtK, double passAtK, int k) {

    static QuickstartMetrics of(StepSimilarityEval.Summary steps, BenchmarkScore answers) {
        int k = answers.samples();
        return new QuickstartMetrics(steps.meanSimilarity(), steps.meanReward(), steps.formatOk(), answers.greedy(),
                k == 0 ? Double.NaN : answers.averageAtN(), k == 0 ? Double.NaN : answers.passAtK().get(k), k);
    }

    /** The metrics by name (avg@k and pass@k named with their k). */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("step_similarity", stepSimilarity);
        m.put("step_reward", stepReward);
        m.put("format_ok", formatOk);
        m.put("accuracy_greedy", greedyAccuracy);
        if (k > 0) {
            m.put("avg@" + k, averageAtK);
            m.put("pass@" + k, passAtK);
        }
        return m;
    }
}
