package dev.srl.math.evaluation;

import dev.srl.core.model.PolicyModel;
import dev.srl.core.model.SamplingParams;
import dev.srl.core.prompt.PromptRenderer;
import dev.srl.core.tokenizer.ChatTemplate;
import dev.srl.core.tokenizer.Tokenizer;
import dev.srl.math.bench.BenchmarkProblem;
import dev.srl.math.eval.AnswerScorer;
import dev.srl.math.eval.BenchmarkScore;
import dev.srl.math.eval.ProblemResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs a model on a math benchmark and scores it with the paper's metrics: greedy accuracy, avg@k of {@code k}
 * samples at a temperature, and unbiased pass@k ({@link dev.srl.math.eval.EvalMetrics}).
 *
 * <p>A {@link PromptStyle#CHATML} model gets the paper's evaluation prompt (App. B.2.2,
 * {@link dev.srl.core.prompt.PromptTemplate#MATH_PROBLEM}) as a ChatML system and user message and answers in
 * one generation. A {@link PromptStyle#COMPACT_STEPS} model solves each problem step by step with
 * {@link StepwiseSolver}, since that is the only task it was trained on. Either way the answer is the last
 * {@code \boxed{}} of the text, checked with {@link AnswerScorer}.
 *
 * <pre>{@code
 * var settings = new MathEvaluator.Settings(8, 1.0, 512, 8, 1);
 * MathEvaluator.Result r = MathEvaluator.evaluate("test", problems, policy, tokenizer, PromptStyle.CHATML, 2048, settings);
 * System.out.println(BenchmarkScore.markdown(List.of(r.score())));
 * }</pre>
 */
public final class MathEvaluator {

    /**
     * @param samples      k, sampled completions per problem for avg@k and pass@k (0: greedy only)
     * @param temperature  the sampling temperature of those completions
     * @param maxNewTokens the generation limit (per step for step-wise models)
     * @param maxSteps     the most steps a step-wise model may write per problem
     * @param seed         seeds the sampling
     */
    public record Settings(int samples, double temperature, int maxNewTokens, int maxSteps, long seed) {
        public Settings {
            if (samples < 0) throw new IllegalArgumentException("samples must be >= 0, got " + samples);
            if (samples > 0 && !(temperature > 0)) throw new IllegalArgumentException("sampling needs a temperature > 0, got " + temperature);
            if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
            if (maxSteps < 1) throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        }

        /** The powers of two up to {@code samples} (and {@code samples} itself): the k of the pass@k columns. */
        public int[] passKs() {
            List<Integer> ks = new ArrayList<>();
            for (int k = 1; k < samples; k *= 2) ks.add(k);
            if (samples > 0) ks.add(samples);
            return ks.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * @param score    the benchmark's metrics
     * @param problems the per-problem results
     * @param greedy   each problem's greedy solution text, in input order
     */
    public record Result(BenchmarkScore score, List<ProblemResult> problems, List<String> greedy) {
        public Result {
            problems = List.copyOf(problems);
            greedy = List.copyOf(greedy);
        }
    }

    private MathEvaluator() {
    }

    /** Evaluates {@code problems}; {@code maxPositions} is the model's context length. */
    public static Result evaluate(String benchmark, List<BenchmarkProblem> problems, PolicyModel policy, Tokenizer tokenizer,
                                  PromptStyle style, int maxPositions, Settings s) {
        if (problems.isEmpty()) throw new IllegalArgumentException("the benchmark " + benchmark + " has no problems");
        List<String> tasks = problems.stream().map(BenchmarkProblem::problem).toList();
        Random rng = new Random(s.seed());
        List<String> greedy = solve(tasks, policy, tokenizer, style, maxPositions, s,
                SamplingParams.greedy(s.maxNewTokens(), tokenizer.eosIds()), rng);
        List<String> sampled = List.of();
        if (s.samples() > 0) {
            List<String> repeated = new ArrayList<>(tasks.size() * s.samples());
            for (String t : tasks) for (int j = 0; j < s.samples(); j++) repeated.add(t);
            sampled = solve(repeated, policy, tokenizer, style, maxPositions, s,
                    SamplingParams.sample(s.maxNewTokens(), s.temperature(), tokenizer.eosIds()), rng);
        }
        List<ProblemResult> results = new ArrayList<>();
        for (int i = 0; i < problems.size(); i++) {
            List<String> mine = s.samples() == 0 ? List.of() : sampled.subList(i * s.samples(), (i + 1) * s.samples());
            results.add(AnswerScorer.score(problems.get(i), greedy.get(i), mine));
        }
        return new Result(BenchmarkScore.of(benchmark, results, s.passKs()), results, greedy);
    }

    private static List<String> solve(List<String> tasks, PolicyModel policy, Tokenizer tokenizer, PromptStyle style,
                                      int maxPositions, Settings s, SamplingParams params, Random rng) {
        if (style == PromptStyle.COMPACT_STEPS) {
            return new StepwiseSolver(policy, tokenizer, s.maxSteps(), maxPositions).solve(tasks, params, rng).stream()
                    .map(StepwiseSolver.Solution::text).toList();
        }
        PromptRenderer renderer = PromptRenderer.mathProblems();
        List<int[]> prompts = new ArrayList<>(tasks.size());
        for (String t : tasks) {
            int[] ids = tokenizer.encode(ChatTemplate.CHATML.render(renderer.renderProblem(t).messages(), true));
            if (ids.length + s.maxNewTokens() > maxPositions) {
                throw new IllegalArgumentException("a prompt of " + ids.length + " tokens plus " + s.maxNewTokens()
                        + " new tokens exceeds the model's " + maxPositions + " positions; lower --max-new-tokens");
            }
            prompts.add(ids);
        }
        return Decoding.generate(policy, tokenizer, prompts, params, rng, StepwiseSolver.CHUNK);
    }
}
