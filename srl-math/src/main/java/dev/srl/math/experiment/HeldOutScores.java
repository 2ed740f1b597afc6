package dev.srl.math.experiment;

import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.model.PolicyModel;
import dev.srl.core.tokenizer.Tokenizer;
import dev.srl.math.bench.BenchmarkProblem;
import dev.srl.math.curriculum.GeneratedProblem;
import dev.srl.math.eval.ProblemResult;
import dev.srl.math.evaluation.MathEvaluator;
import dev.srl.math.evaluation.PromptStyle;
import dev.srl.math.evaluation.StepSimilarityEval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One model's row of the table, measured on held-out problems with the quickstart's evaluators: whole problems
 * in whole mode ({@link WholeSolution}, solved by {@link MathEvaluator}; if a response stops before a boxed
 * answer the model is asked for the next step), and greedy next steps on held-out step-wise instances
 * ({@link StepSimilarityEval}).
 *
 * <pre>{@code
 * HeldOutScores s = HeldOutScores.measure(policy, tokenizer, heldOut, instances, config);
 * double acc3 = s.accuracyByLevel().get(3);
 * }</pre>
 *
 * @param accuracyByLevel greedy accuracy per difficulty level (the expert solution's number of steps)
 * @param problemsByLevel held-out problems per level
 * @param greedyAccuracy  greedy accuracy over all held-out problems
 * @param averageAtK      mean accuracy of k samples at the rollout temperature (avg@k)
 * @param k               the k of avg@k
 * @param stepSimilarity  mean similarity of the greedy next step to the expert's (a broken format counts 0)
 * @param formatOk        fraction of those next-step responses in the SRL format
 * @param greedy          each held-out problem's greedy solution text, in order
 */
public record HeldOutScores(Map<Integer, Double> accuracyByLevel, Map<Integer, Integer> problemsByLevel,
                            double greedyAccuracy, double averageAtK, int k, double stepSimilarity, double formatOk,
                            List<String> greedy) {

    public HeldOutScores {
        accuracyByLevel = Collections.unmodifiableMap(new TreeMap<>(accuracyByLevel));   // levels in order
        problemsByLevel = Collections.unmodifiableMap(new TreeMap<>(problemsByLevel));
        greedy = List.copyOf(greedy);
    }

    /** The macro average over levels of the greedy accuracy (the table's "average" column). */
    public double levelAverage() {
        return accuracyByLevel.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** Scores {@code policy} on the held-out problems and step-wise instances. */
    public static HeldOutScores measure(PolicyModel policy, Tokenizer tokenizer, List<GeneratedProblem> heldOut,
                                        List<StepwiseInstance> instances, ExperimentConfig c) {
        List<BenchmarkProblem> problems = heldOut.stream()
                .map(p -> new BenchmarkProblem(p.id(), WholeSolution.task(p.problem()), p.answer(), null)).toList();
        var settings = new MathEvaluator.Settings(c.evalSamples(), c.temperature(), c.wholeTokens(), c.maxSolveSteps(), c.seed());
        MathEvaluator.Result r = MathEvaluator.evaluate("held-out", problems, policy, tokenizer, PromptStyle.COMPACT_STEPS,
                c.maxPositions(), settings);
        Map<Integer, int[]> byLevel = new TreeMap<>();   // level -> {problems, greedy correct}
        double sampledCorrect = 0;
        int greedyCorrect = 0;
        for (int i = 0; i < heldOut.size(); i++) {
            ProblemResult pr = r.problems().get(i);
            int[] cell = byLevel.computeIfAbsent(heldOut.get(i).steps().size(), l -> new int[2]);
            cell[0]++;
            if (Boolean.TRUE.equals(pr.greedyCorrect())) {
                cell[1]++;
                greedyCorrect++;
            }
            sampledCorrect += pr.samples() == 0 ? 0 : (double) pr.correct() / pr.samples();
        }
        Map<Integer, Double> accuracy = new TreeMap<>();
        Map<Integer, Integer> counts = new TreeMap<>();
        byLevel.forEach((level, cell) -> {
            accuracy.put(level, (double) cell[1] / cell[0]);
            counts.put(level, cell[0]);
        });
        StepSimilarityEval.Summary steps = StepSimilarityEval.evaluate(policy, tokenizer, instances, c.stepTokens());
        return new HeldOutScores(accuracy, counts, (double) greedyCorrect / heldOut.size(), sampledCorrect / heldOut.size(),
                c.evalSamples(), steps.meanSimilarity(), steps.formatOk(), new ArrayList<>(r.greedy()));
    }
}
