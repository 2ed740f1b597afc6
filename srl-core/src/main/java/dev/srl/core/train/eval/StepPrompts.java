package dev.srl.core.train.eval;

import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.prompt.PromptRenderer;
import dev.srl.core.tokenizer.ChatMessage;
import dev.srl.core.tokenizer.ChatTemplate;
import dev.srl.core.tokenizer.Tokenizer;

import java.util.List;

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
        List<ChatMessage> messages = renderer.render(instance).messages().stream()
                .map(m -> new ChatMessage(m.role(), m.content())).toList();
        return tokenizer.encode(ChatTemplate.CHATML.render(messages, true));
    }
}
