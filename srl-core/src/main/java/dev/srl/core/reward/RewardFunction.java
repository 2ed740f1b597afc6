package dev.srl.core.reward;

import java.util.List;

/**
 * Scores completions. The SRL step reward, outcome rewards from task adapters (answer checkers, tests)
 * and weighted combinations all implement it; a trainer calls {@link #score} once per batch.
 *
 * <pre>{@code
 * RewardFunction r = new StepSimilarityReward();
 * double[] s = r.score(List.of(new RewardRequest("<think>..</think> 2. **Add**: 3+4=7", "2. **Add**: 3 + 4 = 7")));
 * }</pre>
 */
public interface RewardFunction {

    /** A short name used in metrics ({@code reward/<name>/mean}). */
    String name();

    /** One score per request, in order. */
    double[] score(List<RewardRequest> batch);
}
