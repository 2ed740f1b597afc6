package dev.srl.core.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The texts of a prompt: a system prompt and the format of the user message. {@link PromptRenderer} fills
 * the placeholders in one pass (a placeholder-like text inside the task or a step is never expanded again):
 * <ul>
 *   <li>{@code {task}}: the problem or issue text;</li>
 *   <li>{@code {steps}}: the context steps, each written by a {@link StepFormat}, or {@code noSteps} when
 *       there are none;</li>
 *   <li>{@code {hint}}: the {@code hint} text with {@code {title}} replaced by the next step's title, or
 *       nothing when the instance has no hint.</li>
 * </ul>
 * An empty {@code system} text means no system message.
 *
 * <pre>{@code
 * var t = new PromptTemplate("You continue proofs.", "Claim: {task}\nProof so far:\n{steps}{hint}",
 *                            "\nNext: {title}", "(empty)");
 * var prompt = new PromptRenderer(t, StepFormat.TEXT).render(instance);
 * }</pre>
 *
 * @param system  the system prompt ({@code ""} for none)
 * @param user    the user-message format, with {@code {task}}, {@code {steps}}, {@code {hint}}
 * @param hint    what {@code {hint}} becomes when there is a title hint, with {@code {title}}
 * @param noSteps what {@code {steps}} becomes when the context is empty
 */
public record PromptTemplate(String system, String user, String hint, String noSteps) {

    /**
     * The SRL system prompt of the paper (App. B.2.1), quoted; the paper prints it without line breaks, the
     * breaks around the response template are ours.
     */
    public static final String SRL_MATH_SYSTEM = """
            You are a helpful assistant for solving mathematical problems. A user will provide a math problem, \
            which may include a partial solution. Your task is to continue the solution by providing the very \
            next logical step.

            A user will ask you to solve a task. You should first draft your thinking process (inner monologue). \
            Then, generate the solution.

            Your response format must follow the template below:
            <think>
            Your thoughts or/and draft, like working through an exercise on scratch paper. Be as casual and as \
            long as you want until you are confident to generate a correct solution.
            </think>
            Provide only the single, next step to continue the solution. Do not solve the entire problem.""";

    /** The paper's evaluation system prompt for whole problems (App. B.2.2), quoted. */
    public static final String MATH_EVAL_SYSTEM = "Please reason step by step, and put your final answer within "
            + "\\boxed{}. You can draft your thinking process inside <think> </think> tags anywhere. "
            + "This is your \"scratch paper\".";

    /**
     * One SRL math step: the paper's system prompt, then the question and the solution so far (Figure 3 lays
     * the context out as "Question: … Solution: [Step1]"; the paper gives no exact user-message template).
     */
    public static final PromptTemplate MATH_STEP = new PromptTemplate(SRL_MATH_SYSTEM,
            "Question:\n{task}\n\nSolution so far:\n{steps}{hint}",
            "\n\nTitle of the next step: {title}",
            "(no steps yet)");

    /** A whole math problem for RLVR and evaluation: the paper's evaluation system prompt, then the problem. */
    public static final PromptTemplate MATH_PROBLEM = new PromptTemplate(MATH_EVAL_SYSTEM, "{task}", "", "");

    /**
     * One step of an agent (tool-calling) trajectory. The paper does not publish its SWE prompt; this wording
     * is ours, with the same think-then-act contract as the math prompt.
     */
    public static final PromptTemplate AGENT_STEP = new PromptTemplate("""
            You are an agent that solves a task by calling tools. A user will give you the task and the most \
            recent actions taken so far, each with the output it produced. Your job is to choose the very next \
            action.

            Your response format must follow the template below:
            <think>
            Your thoughts or/and draft: what the outputs so far tell you and what to do next.
            </think>
            Provide only the single, next action. Do not write more than one action.""",
            "Task:\n{task}\n\nRecent actions:\n{steps}{hint}",
            "\n\nTitle of the next action: {title}",
            "(no actions yet)");

    private static final List<String> FILE_FIELDS = List.of("system", "user", "hint", "no_steps");

    public PromptTemplate {
        if (system == null) system = "";
        if (user == null || user.isEmpty()) throw new IllegalArgumentException("a prompt template needs a user-message format");
        if (hint == null) hint = "";
        if (noSteps == null) noSteps = "";
    }

    /**
     * Reads a template from a YAML or JSON file with the string fields {@code system}, {@code user} (required),
     * {@code hint} and {@code no_steps}.
     *
     * <pre>{@code
     * system: "You continue proofs."
     * user: "Claim: {task}\nProof so far:\n{steps}{hint}"
     * }</pre>
     */
    public static PromptTemplate load(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid YAML or JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) throw new IllegalArgumentException(file + ": expected a mapping with system and user");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FILE_FIELDS.contains(f)) {
                throw new IllegalArgumentException(file + ": field '" + f + "': unknown field (expected one of " + String.join(", ", FILE_FIELDS) + ")");
            }
            if (!root.get(f).isTextual()) throw new IllegalArgumentException(file + ": field '" + f + "': expected a string");
        }
        if (!root.has("user")) throw new IllegalArgumentException(file + ": field 'user': missing");
        return new PromptTemplate(text(root, "system"), text(root, "user"), text(root, "hint"), text(root, "no_steps"));
    }

    private static String text(JsonNode root, String f) {
        JsonNode v = root.get(f);
        return v == null ? null : v.textValue();
    }

    /**
     * {@code format} with each {@code {name}} of {@code values} replaced in a single left-to-right pass;
     * other braces are left as they are.
     */
    static String fill(String format, Map<String, String> values) {
        StringBuilder out = new StringBuilder(format.length() + 256);
        int i = 0;
        outer:
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c == '{') {
                for (Map.Entry<String, String> e : values.entrySet()) {
                    String key = "{" + e.getKey() + "}";
                    if (format.startsWith(key, i)) {
                        out.append(e.getValue());
                        i += key.length();
                        continue outer;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
