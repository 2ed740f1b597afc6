package dev.srl.core.reward;

import java.util.List;

/**
 * SRL's step reward (paper §3): −1 when the response's format is broken, otherwise the difflib similarity
 * {@code 2M/T ∈ [0, 1]} between the response's action and the expert's step. Only the action is scored,
 * never the monologue.
 *
 * <p>The action comes from {@link ResponseParser} (stripped, {@code \r\n} as {@code \n}); the expert step is
 * normalised the same way, so a trailing newline in the data costs nothing. The action is the first sequence
 * and the expert step the second, as in SWE-RL's {@code SequenceMatcher(None, pred, oracle)}: with
 * {@code autojunk} on, the heuristic looks at the expert step. The default is {@code autojunk = false}
 * (see {@link SequenceMatcher} for why). Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * var reward = new StepSimilarityReward();
 * reward.score("<think>sum</think> 2. **Add**: 3+4=7", "2. **Add**: 3 + 4 = 7").reward();   // 0.8947…
 * reward.score("2. **Add**: 3+4=7", "2. **Add**: 3 + 4 = 7").reward();                      // -1.0
 * }</pre>
 */
public final class StepSimilarityReward implements RewardFunction {
    /** The name used in metrics. */
    public static final String NAME = "step_similarity";
    /** The reward of a response whose format is broken. */
    public static final double FORMAT_PENALTY = -1.0;

    private final ResponseParser parser;
    private final boolean autojunk;

    /**
     * The score of one response.
     *
     * @param reward     {@link #FORMAT_PENALTY} when the format is broken, else {@code similarity}
     * @param similarity the difflib ratio of action and expert step; {@code NaN} when the format is broken
     * @param formatOk   whether the format is right
     * @param action     the action that was scored ({@code ""} when the format is broken)
     * @param problem    why the format is broken, or {@code null}
     */
    public record Score(double reward, double similarity, boolean formatOk, String action, String problem) {
    }

    /** The paper's reward with this library's defaults: responses write their own {@code <think>}, no autojunk. */
    public StepSimilarityReward() {
        this(new ResponseParser(), SequenceMatcher.DEFAULT_AUTOJUNK);
    }

    /**
     * @param parser   how responses are split (e.g. {@code new ResponseParser(true)} when the prompt opens the
     *                 think block)
     * @param autojunk whether difflib's popular-element heuristic is on ({@code true} is Python's default)
     */
    public StepSimilarityReward(ResponseParser parser, boolean autojunk) {
        this.parser = parser;
        this.autojunk = autojunk;
    }

    /** Whether the autojunk heuristic is on. */
    public boolean autojunk() { return autojunk; }

    @Override
    public String name() { return NAME; }

    /** Scores one response against the expert's step. */
    public Score score(String response, String expertStep) {
        ParsedResponse parsed = parser.parse(response);
        if (!parsed.formatOk()) {
            return new Score(FORMAT_PENALTY, Double.NaN, false, "", parsed.problem());
        }
        String expert = ResponseParser.strip(expertStep.replace("\r\n", "\n"));
        double similarity = SequenceMatcher.ratio(parsed.action(), expert, autojunk);
        return new Score(similarity, similarity, true, parsed.action(), null);
    }

    @Override
    public double[] score(List<RewardRequest> batch) {
        double[] out = new double[batch.size()];
        for (int k = 0; k < out.length; k++) {
            RewardRequest r = batch.get(k);
            out[k] = score(r.completion(), r.reference()).reward();
        }
        return out;
    }
}
