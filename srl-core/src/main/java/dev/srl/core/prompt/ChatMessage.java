package dev.srl.core.prompt;

/**
 * One message of a chat prompt, as chat templates (e.g. ChatML's {@code <|im_start|>role\n…<|im_end|>}) take it.
 *
 * <pre>{@code
 * var msgs = List.of(ChatMessage.system("You are ..."), ChatMessage.user("Question: ..."));
 * }</pre>
 *
 * @param role    {@code system}, {@code user} or {@code assistant}
 * @param content the message text
 */
public record ChatMessage(String role, String content) {
    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    public ChatMessage {
        if (role == null || role.isBlank()) throw new IllegalArgumentException("a chat message needs a role");
        if (content == null) throw new IllegalArgumentException("a " + role + " message needs content");
    }

    public static ChatMessage system(String content) { return new ChatMessage(SYSTEM, content); }

    public static ChatMessage user(String content) { return new ChatMessage(USER, content); }

    public static ChatMessage assistant(String content) { return new ChatMessage(ASSISTANT, content); }
}
