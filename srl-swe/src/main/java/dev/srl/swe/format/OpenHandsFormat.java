package dev.srl.swe.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.data.Step;
import dev.srl.core.data.Trajectory;
import dev.srl.core.data.TrajectoryFormat;
import dev.srl.core.io.JsonLine;
import dev.srl.swe.action.JsonArguments;
import dev.srl.swe.action.ObservationPolicy;
import dev.srl.swe.action.ToolCall;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * OpenHands trajectories as JSONL, in either of two shapes (decided per row):
 * <ul>
 *   <li><b>event history</b> (OpenHands eval {@code output.jsonl}): {@code history} is a list of events, each an
 *       action ({@code action}, {@code args}, {@code id}) or an observation ({@code observation}, {@code content},
 *       {@code cause} = the id of its action); older files hold {@code [action, observation]} pairs instead. Agent
 *       actions map to canonical calls: {@code run} → {@code bash(command)}, {@code edit} →
 *       {@code str_replace_editor(...)}, {@code read} → {@code str_replace_editor(view, path, view_range)},
 *       {@code write} → {@code str_replace_editor(create, path, file_text)}, {@code finish} → {@code submit},
 *       {@code run_ipython} → {@code execute_ipython_cell(code)}, {@code think} → {@code think(thought)}; chat and
 *       bookkeeping events ({@code message}, {@code system}, {@code recall}, {@code change_agent_state},
 *       {@code condensation}) are not steps. The thought is {@code args.thought}. The task is
 *       {@code instance.problem_statement}, else {@code instruction}, else the first user message.</li>
 *   <li><b>SWE-Gym messages</b> (SWE-Gym/OpenHands-Sampled-Trajectories): {@code messages} in OpenAI chat form with
 *       {@code tool_calls} whose {@code arguments} are JSON strings, results in {@code tool} messages matched by
 *       {@code tool_call_id}; or the non-function-calling form with {@code <function=…>} text and
 *       {@code EXECUTION RESULT of [tool]:} user turns. The task is the first user message's
 *       {@code <issue_description>} or {@code <pr_description>}, else the whole message.</li>
 * </ul>
 * {@code test_result} (patch, test output, report) is never read into steps or metadata.
 *
 * <pre>{@code
 * new OpenHandsFormat().read(Path.of("output.jsonl"), false, sink);
 * }</pre>
 */
public final class OpenHandsFormat implements TrajectoryFormat {
    private static final Set<String> NOT_STEPS = Set.of("message", "system", "recall", "change_agent_state",
            "condensation", "condensation_request", "null", "pause", "resume", "reject", "start");

    private final ObservationPolicy observations;

    public OpenHandsFormat() {
        this(ObservationPolicy.DEFAULT);
    }

    public OpenHandsFormat(ObservationPolicy observations) {
        this.observations = observations;
    }

    @Override
    public String name() {
        return "openhands";
    }

    @Override
    public ReadStats read(Path file, boolean skipInvalid, Consumer<Trajectory> sink) throws IOException {
        return JsonlRecords.read(file, skipInvalid, sink, this::parse);
    }

    Trajectory parse(JsonLine line) {
        JsonNode node = line.node();
        List<Step> steps;
        String task;
        if (node.hasNonNull("history")) {
            JsonNode history = Messages.arrayOrJsonString(line, node.get("history"), "history");
            steps = new ArrayList<>();
            task = events(line, history, steps);
        } else if (node.hasNonNull("messages")) {
            JsonNode array = Messages.arrayOrJsonString(line, node.get("messages"), "messages");
            List<ChatMessage> messages = ChatSteps.openAi(line, array, "messages");
            task = ChatSteps.task(line, messages, "messages");
            steps = ChatSteps.steps(line, messages, ActionStyle.AUTO, observations);
        } else {
            throw line.error("history", "missing (an OpenHands row needs 'history' events or SWE-Gym 'messages')");
        }
        if (steps.isEmpty()) return null;
        return new Trajectory(Messages.id(line, null), task, Messages.metadata(node), steps);
    }

    /** Collects the steps of an event list and returns the task text. */
    private String events(JsonLine line, JsonNode history, List<Step> steps) {
        // Flatten [action, observation] pairs (older files) into one event list, remembering each event's path.
        List<JsonNode> events = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        Map<JsonNode, JsonNode> pairedObservation = new IdentityHashMap<>();
        for (int i = 0; i < history.size(); i++) {
            JsonNode e = history.get(i);
            if (e.isArray()) {
                if (e.size() != 2 || !e.get(0).isObject() || !e.get(1).isObject()) {
                    throw line.error("history[" + i + "]", "expected an event object or an [action, observation] pair");
                }
                events.add(e.get(0));
                fields.add("history[" + i + "][0]");
                pairedObservation.put(e.get(0), e.get(1));
            } else {
                events.add(Messages.object(line, history, i, "history"));
                fields.add("history[" + i + "]");
            }
        }
        Map<Long, JsonNode> byCause = new HashMap<>();
        for (JsonNode e : events) {
            if (e.has("observation") && e.path("cause").canConvertToLong()) byCause.putIfAbsent(e.get("cause").asLong(), e);
        }
        String firstUserMessage = null;
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            String f = fields.get(i);
            if (!e.has("action")) continue;
            String action = line.text(e, "action", f + ".action", true);
            JsonNode args = e.path("args");
            if (!args.isMissingNode() && !args.isNull() && !args.isObject()) {
                throw line.error(f + ".args", "expected an object, got " + JsonLine.describe(args));
            }
            String source = e.path("source").asText("");
            if (action.equals("message") && source.equals("user") && firstUserMessage == null) {
                firstUserMessage = args.path("content").asText(e.path("message").asText(""));
            }
            if (NOT_STEPS.contains(action) || source.equals("user") || source.equals("environment")) continue;
            ToolCall call;
            try {
                call = call(action, args.isObject() ? (ObjectNode) args : Messages.JSON.createObjectNode());
            } catch (IllegalArgumentException ex) {
                throw line.error(f + ".args", ex.getMessage());
            }
            JsonNode obs = pairedObservation.get(e);
            if (obs == null && e.path("id").canConvertToLong()) obs = byCause.get(e.get("id").asLong());
            String observation = obs == null ? null : observations.apply(Messages.observation(obs.path("content").asText("")));
            String thought = args.path("thought").isTextual() ? args.get("thought").textValue() : null;
            steps.add(ChatSteps.step(line, f, call, thought, observation));
        }
        JsonNode node = line.node();
        if (node.path("instance").path("problem_statement").isTextual()) return node.get("instance").get("problem_statement").textValue();
        if (node.path("instruction").isTextual()) return Messages.issue(node.get("instruction").textValue());
        if (firstUserMessage != null) return Messages.issue(firstUserMessage);
        throw line.error("history", "no task: neither instance.problem_statement, instruction nor a user message");
    }

    private static ToolCall call(String action, ObjectNode args) {
        Map<String, String> a = JsonArguments.toParams(args);
        Map<String, String> p = new LinkedHashMap<>();
        switch (action) {
            case "run":
                p.put("command", a.getOrDefault("command", ""));
                return new ToolCall("bash", p);
            case "run_ipython":
                p.put("code", a.getOrDefault("code", ""));
                return new ToolCall("execute_ipython_cell", p);
            case "read":
                p.put("command", "view");
                p.put("path", a.get("path"));
                if (a.containsKey("view_range")) p.put("view_range", a.get("view_range"));
                return new ToolCall("str_replace_editor", p);
            case "write":
                p.put("command", "create");
                p.put("path", a.get("path"));
                p.put("file_text", a.getOrDefault("content", ""));
                return new ToolCall("str_replace_editor", p);
            case "edit":
                if (a.get("command") == null || a.get("command").isEmpty()) break;   // the older LLM-based edit: keep as it is
                a.remove("thought");
                return new ToolCall("str_replace_editor", a);
            case "finish":
                return ToolCall.submit();
            case "think":
                p.put("thought", a.getOrDefault("thought", ""));
                return new ToolCall("think", p);
            default:
                break;
        }
        a.remove("thought");
        return new ToolCall(action, a);
    }
}
