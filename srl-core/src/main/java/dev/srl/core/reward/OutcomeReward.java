package dev.srl.core.reward;

import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * An outcome reward from a task adapter: how good a whole completion is against the task's reference (a
 * math answer checker, a test run). RLVR trains on it; SRL → RLVR uses it in the second stage. An adapter
 * implements {@link #score(String, String)} and {@link #name()}; batches come for free.
 *
 * <pre>{@code
 * OutcomeReward exact = OutcomeReward.ofCheck("exact_answer", (completion, gold) -> completion.strip().equals(gold));
 * exact.score("42", "42");   // 1.0
 * }</pre>
 */
public interface OutcomeReward extends RewardFunction {

    /** The reward of one completion against its reference; a correct/incorrect check returns 1 or 0. */
    double score(String completion, String reference);

    @Override
    default double[] score(List<RewardRequest> batch) {
        double[] out = new double[batch.size()];
        for (int k = 0; k < out.length; k++) out[k] = score(batch.get(k).completion(), batch.get(k).reference());
        return out;
    }

    /** A binary outcome reward: 1.0 when {@code isCorrect} holds, else 0.0. */
    static OutcomeReward ofCheck(String name, BiPredicate<String, String> isCorrect) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(isCorrect, "isCorrect");
        return new OutcomeReward() {
            @Override public String name() { return name; }

            @Override public double score(String completion, String reference) {
                return isCorrect.test(completion, reference) ? 1.0 : 0.0;
            }
        };
    }
}
