package dev.srl.swe.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.srl.core.data.Step;
import dev.srl.core.io.JsonLine;
import dev.srl.swe.action.CanonicalAction;
import dev.srl.swe.action.CommandLineAction;
import dev.srl.swe.action.JsonArguments;
import dev.srl.swe.action.ObservationPolicy;
import dev.srl.swe.action.ToolCall;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a chat-shaped agent trajectory into steps. One step per tool call: an assistant message with several
 * tool calls gives several steps (the reasoning goes with the first), each observation found by
 * {@code tool_call_id} (or, without ids, by order). For {@code xml} and {@code ticks} messages the observation is
 * the next {@code user}/{@code tool} message. Assistant messages without an action are not steps.
 */
final class ChatSteps {
    private ChatSteps() {
    }

    private static final Pattern FENCE = Pattern.compile("```[^\\n`]*\\n(.*?)\\n?```", Pattern.DOTALL);

    static ActionStyle detect(List<ChatMessage> messages) {
        boolean xml = false;
        for (ChatMessage m : messages) {
            if (!m.role().equals("assistant")) continue;
            if (!m.toolCalls().isEmpty()) return ActionStyle.TOOL;
            if (m.text().contains("<function=")) xml = true;
        }
        return xml ? ActionStyle.XML : ActionStyle.TICKS;
    }

    /** The first user message's issue text, or an error if there is no user message. */
    static String task(JsonLine line, List<ChatMessage> messages, String field) {
        for (ChatMessage m : messages) if (m.role().equals("user")) return Messages.issue(m.text());
        throw line.error(field, "no user message holding the task");
    }

    static List<Step> steps(JsonLine line, List<ChatMessage> messages, ActionStyle style, ObservationPolicy obs) {
        if (style == ActionStyle.AUTO) style = detect(messages);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (!m.role().equals("assistant")) continue;
            switch (style) {
                case TOOL -> toolSteps(line, messages, i, obs, steps);
                case XML -> {
                    List<CanonicalAction.Found> found;
                    try {
                        found = CanonicalAction.findAll(m.text());
                    } catch (IllegalArgumentException e) {
                        throw line.error(m.field() + ".content", e.getMessage());
                    }
                    if (found.isEmpty()) continue;
                    String thought = m.thought() != null ? m.thought() : m.text().substring(0, found.get(0).start());
                    String observation = nextObservation(messages, i, obs);
                    for (int k = 0; k < found.size(); k++) {
                        steps.add(step(line, m.field() + ".content", found.get(k).call(), k == 0 ? thought : null,
                                k == found.size() - 1 ? observation : null));
                    }
                }
                case TICKS -> {
                    Matcher f = FENCE.matcher(m.text());
                    int start = -1;
                    String command = null;
                    while (f.find()) {
                        start = f.start();
                        command = f.group(1);
                    }
                    if (command == null || command.isBlank()) continue;
                    ToolCall call;
                    try {
                        call = CommandLineAction.parse(command);
                    } catch (IllegalArgumentException e) {
                        throw line.error(m.field() + ".content", "cannot read the command: " + e.getMessage());
                    }
                    String thought = m.thought() != null ? m.thought() : m.text().substring(0, start);
                    steps.add(step(line, m.field() + ".content", call, thought, nextObservation(messages, i, obs)));
                }
                default -> throw new IllegalStateException();
            }
        }
        return steps;
    }

    private static void toolSteps(JsonLine line, List<ChatMessage> messages, int i, ObservationPolicy obs, List<Step> steps) {
        ChatMessage m = messages.get(i);
        if (m.toolCalls().isEmpty()) return;
        // The tool results that follow this message, up to the next assistant message.
        List<ChatMessage> results = new ArrayList<>();
        for (int j = i + 1; j < messages.size() && !messages.get(j).role().equals("assistant"); j++) {
            if (messages.get(j).role().equals("tool")) results.add(messages.get(j));
        }
        String thought = m.thought() != null ? m.thought() : m.text();
        for (int k = 0; k < m.toolCalls().size(); k++) {
            ChatMessage.RawToolCall raw = m.toolCalls().get(k);
            JsonNode args = raw.arguments();
            String argField = raw.field() + ".function.arguments";
            if (args == null || args.isNull()) args = Messages.JSON.createObjectNode();
            if (args.isTextual()) {
                String a = args.textValue();
                try {
                    args = a.isBlank() ? Messages.JSON.createObjectNode() : Messages.JSON.readTree(a);
                } catch (JsonProcessingException e) {
                    throw line.error(argField, "not valid JSON: " + e.getOriginalMessage());
                }
            }
            if (!args.isObject()) throw line.error(argField, "expected a JSON object, got " + JsonLine.describe(args));
            ToolCall call;
            try {
                call = new ToolCall(raw.name(), JsonArguments.toParams(args));
            } catch (IllegalArgumentException e) {
                throw line.error(raw.field(), e.getMessage());
            }
            String observation = null;
            if (raw.id() != null) {
                for (ChatMessage r : results) {
                    if (raw.id().equals(r.toolCallId())) {
                        observation = r.text();
                        break;
                    }
                }
            } else if (k < results.size() && results.get(k).toolCallId() == null) {
                observation = results.get(k).text();
            }
            steps.add(step(line, raw.field(), call, k == 0 ? thought : null,
                    observation == null ? null : obs.apply(Messages.observation(observation))));
        }
    }

    private static String nextObservation(List<ChatMessage> messages, int i, ObservationPolicy obs) {
        if (i + 1 >= messages.size()) return null;
        ChatMessage next = messages.get(i + 1);
        if (!next.role().equals("user") && !next.role().equals("tool")) return null;
        return obs.apply(Messages.observation(next.text()));
    }

    static Step step(JsonLine line, String field, ToolCall call, String thought, String observation) {
        String action;
        try {
            action = call.canonical();
        } catch (IllegalArgumentException e) {
            throw line.error(field, e.getMessage());
        }
        return new Step(action, null, Messages.blankToNull(thought), observation);
    }

    /** Reads an OpenAI-style message list ({@code role}, {@code content}, {@code tool_calls}, {@code tool_call_id}, {@code thought}). */
    static List<ChatMessage> openAi(JsonLine line, JsonNode array, String field) {
        List<ChatMessage> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String f = field + "[" + i + "]";
            JsonNode m = Messages.object(line, array, i, field);
            String role = line.text(m, "role", f + ".role", true);
            String text = Messages.content(line, m.get("content"), f + ".content");
            String thought = m.path("thought").isTextual() ? m.get("thought").textValue() : null;
            List<ChatMessage.RawToolCall> calls = new ArrayList<>();
            JsonNode tc = m.get("tool_calls");
            if (tc != null && !tc.isNull()) {
                if (!tc.isArray()) throw line.error(f + ".tool_calls", "expected an array, got " + JsonLine.describe(tc));
                for (int k = 0; k < tc.size(); k++) {
                    String cf = f + ".tool_calls[" + k + "]";
                    JsonNode c = Messages.object(line, tc, k, f + ".tool_calls");
                    JsonNode fn = c.get("function");
                    if (fn == null || !fn.isObject()) throw line.error(cf + ".function", "missing");
                    String name = line.text(fn, "name", cf + ".function.name", true);
                    String id = c.path("id").isTextual() ? c.get("id").textValue() : null;
                    calls.add(new ChatMessage.RawToolCall(cf, id, name, fn.get("arguments")));
                }
            }
            String callId = m.path("tool_call_id").isTextual() ? m.get("tool_call_id").textValue() : null;
            out.add(new ChatMessage(f, role, text, thought, calls, callId));
        }
        return out;
    }
}
