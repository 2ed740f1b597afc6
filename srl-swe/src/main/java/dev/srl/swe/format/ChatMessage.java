package dev.srl.swe.format;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One chat message of an agent trajectory, normalised from any source so that one parser
 * ({@link ChatSteps}) can cut every chat-shaped format into steps.
 *
 * @param field      the message's JSON path in its record, for error messages, e.g. {@code messages[3]}
 * @param role       {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param text       the content as plain text ({@code ""} if none)
 * @param thought    an explicit reasoning field ({@code null} if the source has none)
 * @param toolCalls  OpenAI-style tool calls (empty if none)
 * @param toolCallId for a {@code tool} message, the call it answers ({@code null} if none)
 */
record ChatMessage(String field, String role, String text, String thought, List<RawToolCall> toolCalls, String toolCallId) {

    /**
     * An unparsed OpenAI tool call.
     *
     * @param field     its JSON path, e.g. {@code messages[3].tool_calls[0]}
     * @param id        its id ({@code null} if none)
     * @param name      the function name
     * @param arguments the arguments: a JSON object, or a string holding one
     */
    record RawToolCall(String field, String id, String name, JsonNode arguments) {
    }
}
