package dev.srl.core.train.eval;

import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.prompt.PromptRenderer;
import dev.srl.core.tokenizer.ChatTemplate;
import dev.srl.core.tokenizer.Tokenizer;


/**
 * Step-wise instances as token ids: the rendered messages in the ChatML template with the assistant's turn
 * opened, so the model continues with its own {@code <think>} block and action.
 *
 * <pre>{@code
 * int[] ids = StepPrompts.encode(tokenizer, PromptRenderer.mathSteps(), instance);
 * }</pre>
 */
public final class StepPrompts {
    private StepPrompts() {
    }

    public static int[] encode(Tokenizer tokenizer, PromptRenderer renderer, StepwiseInstance instance) {
        return tokenizer.encode(ChatTemplate.CHATML.render(renderer.render(instance).messages(), true));
    }
}
