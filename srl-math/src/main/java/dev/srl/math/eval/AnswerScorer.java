package dev.srl.math.eval;

import dev.srl.math.answer.MathAnswerReward;
import dev.srl.math.answer.Verdict;
import dev.srl.math.bench.BenchmarkProblem;

import java.util.List;

/**
 * Scores a model's completions for one benchmark problem: the greedy completion (if any) and the sampled ones
 * are checked against the gold answer with {@link MathAnswerReward} (only {@link Verdict#EQUAL} counts).
 *
 * <pre>{@code
 * ProblemResult r = AnswerScorer.score(problem, "... \\boxed{204}", List.of("\\boxed{204}", "\\boxed{3}"));
 * // greedyCorrect = true, samples = 2, correct = 1
 * }</pre>
 */
public final class AnswerScorer {
    private static final MathAnswerReward CHECK = new MathAnswerReward();

    private AnswerScorer() {
    }

    /** @param greedy the greedy completion, or {@code null}; @param samples sampled completions (may be empty) */
    public static ProblemResult score(BenchmarkProblem problem, String greedy, List<String> samples) {
        Boolean greedyCorrect = greedy == null ? null : isCorrect(greedy, problem.answer());
        int correct = 0;
        for (String s : samples) if (isCorrect(s, problem.answer())) correct++;
        return new ProblemResult(problem.id(), greedyCorrect, samples.size(), correct);
    }

    /** Whether {@code completion}'s answer is EQUAL to {@code gold}. */
    public static boolean isCorrect(String completion, String gold) {
        return CHECK.verdict(completion, gold) == Verdict.EQUAL;
    }
}
