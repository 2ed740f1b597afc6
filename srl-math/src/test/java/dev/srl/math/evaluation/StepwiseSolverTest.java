package dev.srl.math.evaluation;

import dev.srl.core.model.SamplingParams;
import dev.srl.core.reward.ResponseParser;
import dev.srl.core.tokenizer.CharTokenizer;
import dev.srl.math.bench.BenchmarkProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepwiseSolverTest {
    static final CharTokenizer TOK = CharTokenizer.ofAlphabet(alphabet(), List.of("<|pad|>", "<|endoftext|>", "<|im_start|>",
            "<|im_end|>", "<think>", "</think>", "<|unk|>"));

    static String alphabet() {
        StringBuilder sb = new StringBuilder("\n");
        for (char c = ' '; c <= '~'; c++) sb.append(c);
        return sb.toString();
    }

    @Test
    void compactPromptAndResponseReadBackThroughTheParser() {
        String p = CompactStepPrompt.prompt(" Compute 3 + 4 * 2. ", List.of("1. **Multiply**: 4 * 2 = 8"));
        assertEquals("<|im_start|>Compute 3 + 4 * 2.\n1. **Multiply**: 4 * 2 = 8\n<|im_end|>", p);
        var parsed = new ResponseParser().parse(CompactStepPrompt.response("Add", "2. **Add**: 3 + 8 = 11"));
        assertTrue(parsed.formatOk());
        assertEquals("Add", parsed.thought());
        assertEquals("2. **Add**: 3 + 8 = 11", parsed.action());
    }

    @Test
    void solvesStepByStepFeedingItsOwnStepsBackUntilABoxedAnswer() {
        // Writes step n+1 where n is the number of steps already in the prompt; boxes the answer at step 3.
        ScriptedPolicy policy = new ScriptedPolicy(TOK, prompt -> {
            int n = prompt.split("\n", -1).length - 2;
            return n < 2 ? "<think>go</think>" + (n + 1) + ". **Step**: x" : "<think>done</think>3. **End**: \\boxed{7}";
        });
        var solver = new StepwiseSolver(policy, TOK, 6, 512);
        var s = solver.solve(List.of("Compute 7."), SamplingParams.greedy(40, TOK.eosIds()), new Random(1)).get(0);
        assertEquals(StepwiseSolver.Ending.ANSWERED, s.ending());
        assertEquals(List.of("1. **Step**: x", "2. **Step**: x", "3. **End**: \\boxed{7}"), s.steps());
        assertEquals("<|im_start|>Compute 7.\n1. **Step**: x\n2. **Step**: x\n<|im_end|>", policy.prompts.get(2));
    }

    @Test
    void stopsAtABrokenFormatAtTheStepLimitAndWhenTheContextIsFull() {
        var broken = new StepwiseSolver(new ScriptedPolicy(TOK, p -> "no think block"), TOK, 6, 512)
                .solve(List.of("Compute 7."), SamplingParams.greedy(40, TOK.eosIds()), new Random(1)).get(0);
        assertEquals(StepwiseSolver.Ending.FORMAT_BROKEN, broken.ending());
        assertEquals("missing <think>", broken.detail());
        var endless = new StepwiseSolver(new ScriptedPolicy(TOK, p -> "<think></think>1. **Again**: 1"), TOK, 3, 512)
                .solve(List.of("Compute 7."), SamplingParams.greedy(40, TOK.eosIds()), new Random(1)).get(0);
        assertEquals(StepwiseSolver.Ending.STEP_LIMIT, endless.ending());
        assertEquals(3, endless.steps().size());
        var full = new StepwiseSolver(new ScriptedPolicy(TOK, p -> "<think></think>1. **Again**: 1"), TOK, 9, 60)
                .solve(List.of("Compute 7."), SamplingParams.greedy(20, TOK.eosIds()), new Random(1)).get(0);
        assertEquals(StepwiseSolver.Ending.CONTEXT_FULL, full.ending());
    }

    @Test
    void evaluatorScoresBoxedAnswersGreedyAndSampled() {
        // Answers 7 to every problem: right for p1 and p3, wrong for p2.
        ScriptedPolicy policy = new ScriptedPolicy(TOK, p -> "<think></think>1. **Answer**: \\boxed{7}");
        List<BenchmarkProblem> problems = List.of(new BenchmarkProblem("p1", "Compute 3 + 4.", "7", null),
                new BenchmarkProblem("p2", "Compute 3 + 5.", "8", null), new BenchmarkProblem("p3", "Compute 14 / 2.", "7", null));
        var r = MathEvaluator.evaluate("t", problems, policy, TOK, PromptStyle.COMPACT_STEPS, 512,
                new MathEvaluator.Settings(4, 1.0, 40, 4, 1));
        assertEquals(2.0 / 3, r.score().greedy(), 1e-12);
        assertEquals(2.0 / 3, r.score().averageAtN(), 1e-12);
        assertEquals(2.0 / 3, r.score().passAtK().get(4), 1e-12);
        assertEquals(List.of(1, 2, 4), r.score().passAtK().keySet().stream().sorted().toList());
        assertEquals(3 + 12, policy.prompts.size());
    }

    @Test
    void chatModelsGetThePapersEvaluationPromptInChatMl() {
        ScriptedPolicy policy = new ScriptedPolicy(TOK, p -> "so \\boxed{7}");
        var r = MathEvaluator.evaluate("t", List.of(new BenchmarkProblem("p1", "Compute 3 + 4.", "7", null)), policy, TOK,
                PromptStyle.CHATML, 1024, new MathEvaluator.Settings(0, 1.0, 40, 4, 1));
        assertEquals(1.0, r.score().greedy());
        String prompt = policy.prompts.get(0);
        assertTrue(prompt.startsWith("<|im_start|>system\nPlease reason step by step, and put your final answer within \\boxed{}."), prompt);
        assertTrue(prompt.endsWith("<|im_start|>user\nCompute 3 + 4.<|im_end|>\n<|im_start|>assistant\n"), prompt);
    }
}
