package dev.srl.math.eval;

/**
 * How a model did on one problem.
 *
 * @param id            the problem's id
 * @param greedyCorrect whether the greedy answer was correct, or {@code null} when no greedy run was made
 * @param samples       sampled completions (0 when only greedy decoding ran)
 * @param correct       how many of them were correct
 */
public record ProblemResult(String id, Boolean greedyCorrect, int samples, int correct) {
    public ProblemResult {
        if (samples < 0 || correct < 0 || correct > samples) {
            throw new IllegalArgumentException("problem " + id + ": need 0 <= correct <= samples, got "
                    + correct + "/" + samples);
        }
    }
}
