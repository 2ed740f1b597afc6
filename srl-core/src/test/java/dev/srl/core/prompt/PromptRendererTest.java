package dev.srl.core.prompt;

import dev.srl.core.data.Step;
import dev.srl.core.data.StepwiseInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptRendererTest {
    @TempDir
    Path dir;

    private static StepwiseInstance instance(List<Step> context, String hint) {
        return new StepwiseInstance("p#" + context.size(), "p", context.size(), "What is 3 + 4 - 2?", context, hint, "x");
    }

    @Test
    void mathStepHasThePapersSystemPromptAndTheSolutionSoFar() {
        var p = PromptRenderer.mathSteps().render(instance(List.of(Step.of("1. **Add** 3 + 4 = 7"), Step.of("2. **Subtract** 7 - 2 = 5")), null));
        assertEquals(2, p.messages().size());
        assertEquals(ChatMessage.system(PromptTemplate.SRL_MATH_SYSTEM), p.messages().get(0));
        assertTrue(PromptTemplate.SRL_MATH_SYSTEM.contains("<think>\nYour thoughts"));
        assertTrue(PromptTemplate.SRL_MATH_SYSTEM.endsWith("Provide only the single, next step to continue the solution. Do not solve the entire problem."));
        assertEquals("user", p.messages().get(1).role());
        assertEquals("Question:\nWhat is 3 + 4 - 2?\n\nSolution so far:\n1. **Add** 3 + 4 = 7\n2. **Subtract** 7 - 2 = 5",
                p.messages().get(1).content());
        assertEquals(PromptTemplate.SRL_MATH_SYSTEM + "\n\n" + p.messages().get(1).content(), p.text());
    }

    @Test
    void hintAndEmptyContext() {
        String user = PromptRenderer.mathSteps().render(instance(List.of(), "Add")).messages().get(1).content();
        assertEquals("Question:\nWhat is 3 + 4 - 2?\n\nSolution so far:\n(no steps yet)\n\nTitle of the next step: Add", user);
    }

    @Test
    void placeholdersInsideTheDataAreNotExpanded() {
        var inst = new StepwiseInstance("q#1", "q", 1, "Explain {steps} and {hint}", List.of(Step.of("use {task}")), "{title}", "x");
        String user = PromptRenderer.mathSteps().render(inst).messages().get(1).content();
        assertEquals("Question:\nExplain {steps} and {hint}\n\nSolution so far:\nuse {task}\n\nTitle of the next step: {title}", user);
    }

    @Test
    void wholeProblemUsesTheEvaluationPrompt() {
        var p = PromptRenderer.mathProblems().renderProblem("What is 3 + 4?");
        assertEquals(List.of(ChatMessage.system(PromptTemplate.MATH_EVAL_SYSTEM), ChatMessage.user("What is 3 + 4?")), p.messages());
        assertTrue(PromptTemplate.MATH_EVAL_SYSTEM.contains("\\boxed{}"));
    }

    @Test
    void agentStepsShowActionsWithObservations() {
        var inst = new StepwiseInstance("s#2", "s", 2, "Fix the bug", List.of(
                new Step("<function=bash>ls</function>", null, "look", "a.py"), Step.of("submit")), null, "x");
        String user = PromptRenderer.agentSteps().render(inst).messages().get(1).content();
        assertEquals("Task:\nFix the bug\n\nRecent actions:\nThought:\nlook\nAction:\n<function=bash>ls</function>\nObservation:\na.py"
                + "\n\nAction:\nsubmit", user);
    }

    @Test
    void customTemplateAndStepFormatPlugIn() {
        var fmt = new StepFormat(s -> "- " + s.action(), "\n");
        var r = new PromptRenderer(new PromptTemplate("", "{task}|{steps}|{hint}", "<{title}>", "none"), fmt);
        var p = r.render(instance(List.of(Step.of("a"), Step.of("b")), "T"));
        assertEquals(List.of(ChatMessage.user("What is 3 + 4 - 2?|- a\n- b|<T>")), p.messages(), "no system message when it is empty");
        assertEquals("{\"prompt\":\"What is 3 + 4 - 2?|- a\\n- b|<T>\",\"messages\":[{\"role\":\"user\",\"content\":\"What is 3 + 4 - 2?|- a\\n- b|<T>\"}]}",
                p.toJson().toString());
    }

    @Test
    void templateFromYaml() throws IOException {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, "system: Be brief.\nuser: \"Q: {task}\\n{steps}\"\nno_steps: nothing\n");
        var t = PromptTemplate.load(f);
        assertEquals(new PromptTemplate("Be brief.", "Q: {task}\n{steps}", "", "nothing"), t);
        Files.writeString(f, "system: x\nusr: typo\n");
        var e = assertThrows(IllegalArgumentException.class, () -> PromptTemplate.load(f));
        assertTrue(e.getMessage().contains("field 'usr': unknown field"), e.getMessage());
        Files.writeString(f, "system: x\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PromptTemplate.load(f)).getMessage().endsWith("field 'user': missing"));
    }
}
