/**
 * Rewards. {@link dev.srl.core.reward.StepSimilarityReward} is SRL's dense step reward: the response is split
 * by {@link dev.srl.core.reward.ResponseParser} into {@code <think>…</think>} and an action, a broken format
 * scores −1, and otherwise the action is compared with the expert's step by
 * {@link dev.srl.core.reward.SequenceMatcher}, an exact port of CPython's {@code difflib.SequenceMatcher}
 * ({@code 2M/T}). Task adapters add {@link dev.srl.core.reward.OutcomeReward}s (answer checkers, tests), and
 * {@link dev.srl.core.reward.WeightedReward} combines any of them while keeping each one's scores for the metrics.
 *
 * <pre>{@code
 * var reward = new StepSimilarityReward();                        // autojunk off, see SequenceMatcher
 * double r = reward.score("<think>…</think> 3 + 4 = 7", "3 + 4 = 7").reward();   // 1.0
 * }</pre>
 *
 * <p>{@link dev.srl.core.reward.PythonDifflib} and {@link dev.srl.core.reward.SimilarityPairs} exist to check
 * and time the port against CPython ({@code srl bench similarity}, the cross-check test); rewards never need
 * Python.
 */
package dev.srl.core.reward;
