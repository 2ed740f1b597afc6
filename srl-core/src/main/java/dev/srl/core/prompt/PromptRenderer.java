package dev.srl.core.prompt;

import dev.srl.core.data.Step;
import dev.srl.core.data.StepwiseInstance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a step-wise instance (SRL) or a whole problem (RLVR, evaluation) into a prompt, from a
 * {@link PromptTemplate} and a {@link StepFormat}. The model's answer (a {@code <think>} block, then one
 * step) is not part of the prompt; a chat template adds the generation prompt.
 *
 * <pre>{@code
 * var srl = PromptRenderer.mathSteps();
 * List<ChatMessage> msgs = srl.render(instance).messages();   // [system: the paper's SRL prompt, user: question + steps]
 * var eval = PromptRenderer.mathProblems();
 * String text = eval.renderProblem("What is 3 + 4?").text();
 * }</pre>
 */
public final class PromptRenderer {
    private final PromptTemplate template;
    private final StepFormat stepFormat;

    public PromptRenderer(PromptTemplate template, StepFormat stepFormat) {
        if (template == null || stepFormat == null) throw new IllegalArgumentException("a renderer needs a template and a step format");
        this.template = template;
        this.stepFormat = stepFormat;
    }

    /** SRL math steps: {@link PromptTemplate#MATH_STEP} with {@link StepFormat#TEXT}. */
    public static PromptRenderer mathSteps() {
        return new PromptRenderer(PromptTemplate.MATH_STEP, StepFormat.TEXT);
    }

    /** Whole math problems: {@link PromptTemplate#MATH_PROBLEM}. */
    public static PromptRenderer mathProblems() {
        return new PromptRenderer(PromptTemplate.MATH_PROBLEM, StepFormat.TEXT);
    }

    /** Agent steps: {@link PromptTemplate#AGENT_STEP} with {@link StepFormat#ACTION_OBSERVATION}. */
    public static PromptRenderer agentSteps() {
        return new PromptRenderer(PromptTemplate.AGENT_STEP, StepFormat.ACTION_OBSERVATION);
    }

    public PromptTemplate template() { return template; }

    public StepFormat stepFormat() { return stepFormat; }

    /** The prompt of one step-wise instance: task, context steps and (if set) the title hint. */
    public RenderedPrompt render(StepwiseInstance instance) {
        return messages(userMessage(instance.task(), instance.context(), instance.hint()));
    }

    /** The prompt of a whole problem: the task alone, no steps and no hint. */
    public RenderedPrompt renderProblem(String task) {
        return messages(userMessage(task, List.of(), null));
    }

    /** The user message for a task, the steps shown so far and an optional next-step title. */
    public String userMessage(String task, List<Step> steps, String hint) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("task", task);
        values.put("steps", steps.isEmpty() ? template.noSteps() : stepFormat.renderAll(steps));
        values.put("hint", hint == null ? "" : PromptTemplate.fill(template.hint(), Map.of("title", hint)));
        return PromptTemplate.fill(template.user(), values);
    }

    private RenderedPrompt messages(String user) {
        List<ChatMessage> msgs = new ArrayList<>(2);
        if (!template.system().isEmpty()) msgs.add(ChatMessage.system(template.system()));
        msgs.add(ChatMessage.user(user));
        return new RenderedPrompt(msgs);
    }
}
