package dev.srl.math.answer;

import dev.srl.core.reward.OutcomeReward;

import java.util.Optional;

/**
 * The outcome reward for RLVR on math: 1 when the answer extracted from the completion is
 * {@link Verdict#EQUAL} to the gold answer, else 0. {@link Verdict#UNKNOWN} scores 0: a reward must not
 * pay for answers the checker cannot confirm, or the policy learns to write undecidable answers.
 *
 * <p>The completion's answer is found by {@link AnswerExtractor} (last {@code \boxed{}}, then "final answer
 * is", then the last number) or, with {@code boxedOnly}, only from a box. The reference is the gold answer;
 * if it holds a {@code \boxed{}} (a full solution), the box's content is used.
 *
 * <pre>{@code
 * OutcomeReward r = new MathAnswerReward();
 * r.score("<think>..</think> so \\boxed{12}", "12");   // 1.0
 * }</pre>
 */
public final class MathAnswerReward implements OutcomeReward {
    private final boolean boxedOnly;

    /** Accepts answers found by any extraction method, as the evaluation does. */
    public MathAnswerReward() {
        this(false);
    }

    /** @param boxedOnly only a {@code \boxed{}} answer counts (stricter format pressure during RL) */
    public MathAnswerReward(boolean boxedOnly) {
        this.boxedOnly = boxedOnly;
    }

    @Override
    public String name() {
        return "math_answer";
    }

    @Override
    public double score(String completion, String gold) {
        return verdict(completion, gold) == Verdict.EQUAL ? 1.0 : 0.0;
    }

    /** The verdict for one completion against one gold answer (NOT_EQUAL when no answer is found). */
    public Verdict verdict(String completion, String gold) {
        Optional<String> answer = boxedOnly
                ? AnswerExtractor.lastBoxed(completion)
                : AnswerExtractor.extract(completion).map(AnswerExtractor.Extraction::answer);
        if (answer.isEmpty()) return Verdict.NOT_EQUAL;
        String g = AnswerExtractor.lastBoxed(gold).orElse(gold);
        return AnswerEquivalence.compare(g, answer.get());
    }
}
