package dev.srl.core.tokenizer;

import java.util.Objects;

/**
 * One turn of a conversation.
 *
 * <pre>{@code
 * var m = new ChatMessage("user", "What is 2+2?");
 * }</pre>
 *
 * @param role    who speaks: {@code system}, {@code user}, {@code assistant} (any non-empty name is kept)
 * @param content what is said, inserted verbatim
 */
public record ChatMessage(String role, String content) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (role.isBlank()) throw new IllegalArgumentException("a chat message needs a role");
    }

    public static ChatMessage system(String content) { return new ChatMessage("system", content); }

    public static ChatMessage user(String content) { return new ChatMessage("user", content); }

    public static ChatMessage assistant(String content) { return new ChatMessage("assistant", content); }
}
