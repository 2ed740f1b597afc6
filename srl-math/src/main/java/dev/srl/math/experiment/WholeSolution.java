package dev.srl.math.experiment;

import dev.srl.core.data.Step;
import dev.srl.math.curriculum.GeneratedProblem;
import dev.srl.math.evaluation.CompactStepPrompt;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The whole-solution mode of a character model: the paper's base model answers a problem in one response, while
 * SRL trains it to write one step. Both share {@link CompactStepPrompt}; the whole mode is told apart by a marker
 * after the problem text, so the two tasks never have the same prompt:
 * <pre>
 *   prompt:   &lt;|im_start|&gt;PROBLEM [solve]\n&lt;|im_end|&gt;
 *   response: &lt;think&gt;PLAN&lt;/think&gt;STEP 1\nSTEP 2\n…\nSTEP n with \boxed{answer}
 * </pre>
 * The plan is the expert steps' titles. Because the response is in the SRL format, {@link
 * dev.srl.math.evaluation.StepwiseSolver} reads it as a single step that already holds the boxed answer, so the
 * quickstart's whole-problem evaluation scores whole-mode and step-mode models the same way.
 *
 * <pre>{@code
 * String task = WholeSolution.task(problem.problem());        // what the evaluator and RLVR prompt with
 * String target = WholeSolution.response(problem);            // an SFT target (no end token)
 * }</pre>
 */
public final class WholeSolution {
    /** Appended to the problem text: "write the whole solution". */
    public static final String MARK = " [solve]";

    private WholeSolution() {
    }

    /** The problem text in whole mode. */
    public static String task(String problem) {
        return problem.strip() + MARK;
    }

    /** The whole-mode prompt of a problem. */
    public static String prompt(String problem) {
        return CompactStepPrompt.prompt(task(problem), List.of());
    }

    /** The expert's whole solution as a response: the step titles as the plan, then every step on its own line. */
    public static String response(GeneratedProblem p) {
        String plan = p.steps().stream().map(s -> s.title() == null ? "" : s.title()).collect(Collectors.joining("; "));
        return CompactStepPrompt.response(plan, expert(p));
    }

    /** The expert's steps, one per line: what the one-step-similarity ablation compares a response with. */
    public static String expert(GeneratedProblem p) {
        return p.steps().stream().map(Step::action).map(String::strip).collect(Collectors.joining("\n"));
    }
}
