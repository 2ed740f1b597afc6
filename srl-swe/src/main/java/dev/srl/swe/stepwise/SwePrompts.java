package dev.srl.swe.stepwise;

import dev.srl.core.data.Step;
import dev.srl.core.data.StepwiseOptions;
import dev.srl.core.prompt.PromptRenderer;
import dev.srl.core.prompt.PromptTemplate;
import dev.srl.core.prompt.StepFormat;

/**
 * Step-wise SRL instances for software engineering, as in the paper's App. A: the context is the issue plus the
 * last K (= 2) expert action/observation pairs; the target is the expert's canonical action. The prompt asks the
 * model to think inside {@code <think>…</think>} and then give exactly one tool call in the canonical form
 * ({@link dev.srl.swe.action.CanonicalAction}), which {@link dev.srl.swe.reward.ToolCallReward} scores.
 *
 * <pre>{@code
 * var builder = new StepwiseBuilder(SwePrompts.options());
 * var renderer = SwePrompts.renderer();
 * for (StepwiseInstance i : builder.build(trajectory)) {
 *     RenderedPrompt p = renderer.render(i);     // system: the rules and tools; user: issue + recent actions
 * }
 * }</pre>
 */
public final class SwePrompts {
    private SwePrompts() {
    }

    /**
     * The system prompt. The paper does not publish its SWE prompt; this wording is ours: the think-then-act
     * contract of the SRL math prompt, with SWE-smith's three tools and the canonical call form spelled out.
     */
    public static final String SYSTEM = """
            You are a software engineer fixing an issue in a Python repository checked out at /testbed. You work \
            by calling tools, one call per turn. You are given the issue and the most recent actions taken so far, \
            each with the output it produced. Your job is to choose the very next action.

            Tools:
            - bash: runs a shell command. Parameter: command.
            - str_replace_editor: views and edits files. Parameters: command (view, create, str_replace, insert or \
            undo_edit), path (absolute), and as the command needs: file_text, old_str, new_str, insert_line, \
            view_range.
            - submit: ends the task with the current changes. No parameters.

            Your response format must follow the template below:
            <think>
            Your thoughts or/and draft: what the outputs so far tell you and what to do next.
            </think>
            <function=TOOL_NAME>
            <parameter=PARAMETER_NAME>VALUE</parameter>
            </function>

            Give exactly one tool call after the think block and nothing else. Put the values of old_str, new_str \
            and file_text on their own lines.""";

    /** The user message: the issue, then the recent steps ({@code {steps}}), each an action and its observation. */
    public static final PromptTemplate STEP = new PromptTemplate(SYSTEM,
            "<pr_description>\n{task}\n</pr_description>\n\nThe most recent actions and their outputs:\n\n{steps}{hint}",
            "", "(no actions yet: this is the first action)");

    /** One context step: the expert's thought when kept, the canonical action, then {@code OBSERVATION:} and the output. */
    public static final StepFormat STEP_FORMAT = new StepFormat(SwePrompts::step, "\n\n");

    /**
     * The paper's SWE cut: the last 2 action/observation pairs, no thoughts, and every step a target (the first
     * action, with the issue alone as context, is as meaningful a target as any later one).
     */
    public static StepwiseOptions options() {
        return StepwiseOptions.swe().withTargets(StepwiseOptions.Targets.ALL);
    }

    /** The renderer for SWE step-wise instances. */
    public static PromptRenderer renderer() {
        return new PromptRenderer(STEP, STEP_FORMAT);
    }

    private static String step(Step s) {
        StringBuilder b = new StringBuilder();
        if (s.thought() != null) b.append(s.thought()).append("\n\n");
        b.append(s.action());
        if (s.observation() != null) b.append("\nOBSERVATION:\n").append(s.observation());
        return b.toString();
    }
}
