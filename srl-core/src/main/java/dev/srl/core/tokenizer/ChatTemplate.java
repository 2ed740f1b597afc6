package dev.srl.core.tokenizer;

import dev.srl.core.prompt.ChatMessage;
import java.util.List;

/**
 * Renders a conversation as a prompt string in a ChatML-style format: each message is
 * {@code <start>role\ncontent<end>\n}, and the generation prompt {@code <start>assistant\n} opens the
 * turn the policy writes. {@link #CHATML} is Qwen's format ({@code <|im_start|>}, {@code <|im_end|>}).
 *
 * <p>Unlike Qwen's Jinja template this adds no default system message and knows nothing of tools:
 * the prompt is exactly the messages given, which keeps training prompts reproducible across models.
 *
 * <pre>{@code
 * String prompt = ChatTemplate.CHATML.render(List.of(
 *         ChatMessage.system("Think step by step."),
 *         ChatMessage.user("What is 2+2?")), true);
 * // "<|im_start|>system\nThink step by step.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n"
 * int[] ids = tokenizer.encode(prompt);
 * }</pre>
 *
 * @param start the token that opens a turn
 * @param end   the token that closes a turn (also the end id a generation stops at)
 */
public record ChatTemplate(String start, String end) {
    /** ChatML as used by Qwen2/2.5/3. */
    public static final ChatTemplate CHATML = new ChatTemplate("<|im_start|>", "<|im_end|>");

    public ChatTemplate {
        if (start == null || start.isEmpty() || end == null || end.isEmpty()) {
            throw new IllegalArgumentException("a chat template needs non-empty start and end tokens");
        }
    }

    /**
     * The prompt for {@code messages}; with {@code addGenerationPrompt} it ends with an open assistant turn.
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : messages) sb.append(turn(m));
        if (addGenerationPrompt) sb.append(generationPrompt());
        return sb.toString();
    }

    /** One closed turn: {@code <start>role\ncontent<end>\n}. */
    public String turn(ChatMessage message) {
        return start + message.role() + "\n" + message.content() + end + "\n";
    }

    /** The text that opens the assistant's turn: {@code <start>assistant\n}. */
    public String generationPrompt() {
        return start + "assistant\n";
    }
}
