package dev.srl.core.prompt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A prompt as chat messages (for a chat template) and as plain text (for a model without one, or a human).
 *
 * <pre>{@code
 * RenderedPrompt p = renderer.render(instance);
 * int[] ids = tokenizer.encode(chatTemplate.apply(p.messages(), true));
 * System.out.println(p.text());
 * }</pre>
 *
 * @param messages the system message (if the template has one), then the user message
 */
public record RenderedPrompt(List<ChatMessage> messages) {
    public RenderedPrompt {
        messages = List.copyOf(messages);
    }

    /** The messages' contents, separated by a blank line, without role markers. */
    public String text() {
        List<String> parts = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) parts.add(m.content());
        return String.join("\n\n", parts);
    }

    /** {@code {"prompt": text(), "messages": [{"role": ..., "content": ...}, ...]}}, as {@code build-steps --render} writes it. */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("prompt", text());
        ArrayNode arr = o.putArray("messages");
        for (ChatMessage m : messages) arr.addObject().put("role", m.role()).put("content", m.content());
        return o;
    }
}
