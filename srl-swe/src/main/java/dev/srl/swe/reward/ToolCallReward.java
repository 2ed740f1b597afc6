package dev.srl.swe.reward;

import dev.srl.core.reward.ParsedResponse;
import dev.srl.core.reward.ResponseParser;
import dev.srl.core.reward.RewardFunction;
import dev.srl.core.reward.RewardRequest;
import dev.srl.core.reward.SequenceMatcher;
import dev.srl.swe.action.CanonicalAction;
import dev.srl.swe.action.ToolCall;

import java.util.List;

/**
 * SRL's step reward for agent actions: the response's action (after {@code <think>…</think>}, optionally wrapped
 * in {@code <solution>}) must be exactly one tool call in the canonical form
 * ({@link CanonicalAction#parse}); it is then re-rendered canonically (aliases such as {@code execute_bash}
 * mapped, parameters in the fixed order) and compared with the expert's action, canonicalised the same way, by
 * difflib's ratio {@code 2M/T}. A response that breaks the think format or whose action is not exactly one tool
 * call scores {@link #FORMAT_PENALTY} (−1), as in the paper.
 *
 * <p>Canonicalising both sides means the score measures what the call does, not how its parameters were ordered or
 * which alias named the tool. An expert action that is not a canonical call (e.g. raw text from a custom format) is
 * compared as it is, stripped.
 *
 * <pre>{@code
 * var r = new ToolCallReward();
 * r.score("<think>look</think>\n<function=bash>\n<parameter=command>ls -a</parameter>\n</function>",
 *         "<function=bash>\n<parameter=command>ls</parameter>\n</function>").reward();   // 0.97…
 * r.score("<think>look</think> ls", expert).reward();                                        // -1.0
 * }</pre>
 */
public final class ToolCallReward implements RewardFunction {
    /** The name used in metrics. */
    public static final String NAME = "tool_call_similarity";
    /** The reward of a response that is not one well-formed tool call. */
    public static final double FORMAT_PENALTY = -1.0;

    private final ResponseParser parser;
    private final boolean autojunk;

    /**
     * The score of one response.
     *
     * @param reward     {@link #FORMAT_PENALTY} when broken, else {@code similarity}
     * @param similarity the ratio of the canonical actions; {@code NaN} when broken
     * @param call       the parsed tool call, or {@code null} when broken
     * @param problem    why the response is broken, or {@code null}
     */
    public record Score(double reward, double similarity, ToolCall call, String problem) {
    }

    /** Responses write their own {@code <think>}; autojunk off (as SWE-RL's reward). */
    public ToolCallReward() {
        this(new ResponseParser(), SequenceMatcher.DEFAULT_AUTOJUNK);
    }

    public ToolCallReward(ResponseParser parser, boolean autojunk) {
        this.parser = parser;
        this.autojunk = autojunk;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Scores one response against the expert's action. */
    public Score score(String response, String expertAction) {
        ParsedResponse parsed = parser.parse(response);
        if (!parsed.formatOk()) return new Score(FORMAT_PENALTY, Double.NaN, null, parsed.problem());
        ToolCall call;
        String canonical;
        try {
            call = CanonicalAction.parse(parsed.action());
            canonical = call.canonical();
        } catch (IllegalArgumentException e) {
            return new Score(FORMAT_PENALTY, Double.NaN, null, "not one tool call: " + e.getMessage());
        }
        double s = SequenceMatcher.ratio(canonical, canonicalExpert(expertAction), autojunk);
        return new Score(s, s, call, null);
    }

    /** The expert's action in canonical form, or stripped as it is when it is not a canonical call. */
    static String canonicalExpert(String expert) {
        String e = expert.replace("\r\n", "\n");
        try {
            return CanonicalAction.parse(e).canonical();
        } catch (IllegalArgumentException notACall) {
            return ResponseParser.strip(e);
        }
    }

    @Override
    public double[] score(List<RewardRequest> batch) {
        double[] out = new double[batch.size()];
        for (int k = 0; k < out.length; k++) out[k] = score(batch.get(k).completion(), batch.get(k).reference()).reward();
        return out;
    }
}
