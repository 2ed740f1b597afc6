package dev.srl.math.evaluation;

import java.util.List;

/**
 * The compact step prompt of character-level models: the paper's SRL prompt (App. B.2.1) in a few characters.
 *
 * <p>The paper's system prompt is about 900 characters and a realistic chat-templated context is thousands;
 * a character model on a CPU would spend nearly all its time and capacity reading the same boilerplate. The
 * compact template keeps what the prompt says — the problem, the solution so far, and "think, then give only
 * the next step" — as structure instead of words:
 * <pre>
 *   prompt:   &lt;|im_start|&gt;PROBLEM\nSTEP 1\nSTEP 2\n&lt;|im_end|&gt;
 *   response: &lt;think&gt;MONOLOGUE&lt;/think&gt;NEXT STEP&lt;|endoftext|&gt;
 * </pre>
 * The response is what {@link dev.srl.core.reward.ResponseParser} reads, so {@link
 * dev.srl.core.reward.StepSimilarityReward} scores it exactly as it scores a full-size model's response.
 *
 * <pre>{@code
 * String p = CompactStepPrompt.prompt("Compute 3 + 4 * 2.", List.of("1. **Multiply**: 4 * 2 = 8"));
 * String r = CompactStepPrompt.response("Add", "2. **Add**: 3 + 8 = 11");   // an SFT target, without the end token
 * }</pre>
 */
public final class CompactStepPrompt {
    /** Opens the prompt. */
    public static final String START = "<|im_start|>";
    /** Closes the prompt; the response begins right after it. */
    public static final String END = "<|im_end|>";
    /** Ends a response (an end id of the character tokenizer). */
    public static final String END_OF_RESPONSE = "<|endoftext|>";

    private CompactStepPrompt() {
    }

    /** The prompt for the step after {@code steps} (the solution so far, possibly empty). */
    public static String prompt(String task, List<String> steps) {
        StringBuilder sb = new StringBuilder(START).append(task.strip()).append('\n');
        for (String s : steps) sb.append(s.strip()).append('\n');
        return sb.append(END).toString();
    }

    /** A response: the monologue in a think block, then the step (no end token). */
    public static String response(String thought, String step) {
        return "<think>" + thought.strip() + "</think>" + step.strip();
    }
}
