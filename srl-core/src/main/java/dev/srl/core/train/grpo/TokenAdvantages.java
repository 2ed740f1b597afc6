package dev.srl.core.train.grpo;

import dev.srl.core.model.Completion;

/**
 * Per-token advantages for one completion, for dense rewards inside a completion (a reward per step or per
 * tool call). By default a {@link GrpoTrainer} gives every token of a completion its group advantage; with this
 * hook the caller decides each token's advantage, e.g. the group advantage of the step the token belongs to.
 * Note (verl issue 7244): a per-position baseline that depends on the sampled actions biases the gradient;
 * centre each step's rewards over the group, not over positions.
 *
 * <pre>{@code
 * trainer.setTokenAdvantages((prompt, completion, groupAdvantage) -> {
 *     double[] a = new double[completion.tokens().length];
 *     java.util.Arrays.fill(a, groupAdvantage);
 *     a[a.length - 1] = 0;                       // e.g. leave the stop token out of the update
 *     return a;
 * });
 * }</pre>
 */
@FunctionalInterface
public interface TokenAdvantages {

    /**
     * @param prompt         the prompt
     * @param completion     the sampled completion
     * @param groupAdvantage the completion's group advantage ({@link GroupAdvantage})
     * @return one advantage per completion token ({@code completion.tokens().length} values)
     */
    double[] of(GrpoPrompt prompt, Completion completion, double groupAdvantage);
}
