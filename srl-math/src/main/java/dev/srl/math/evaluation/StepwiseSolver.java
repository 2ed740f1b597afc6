package dev.srl.math.evaluation;

import dev.srl.core.model.PolicyModel;
import dev.srl.core.model.SamplingParams;
import dev.srl.core.reward.ParsedResponse;
import dev.srl.core.reward.ResponseParser;
import dev.srl.core.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Solves whole problems with a step-wise model ({@link PromptStyle#COMPACT_STEPS}): it asks for the next step
 * given the problem and the model's own previous steps, again and again, until a step contains
 * {@code \boxed{…}}, the response format breaks, the context would outgrow the model, or {@code maxSteps} steps
 * are written. All unfinished problems advance together, one batched generation per round.
 *
 * <pre>{@code
 * var solver = new StepwiseSolver(policy, tokenizer, 6, 1024);
 * List<StepwiseSolver.Solution> s = solver.solve(tasks, SamplingParams.greedy(96, tokenizer.eosIds()), new Random(1));
 * boolean ok = AnswerScorer.isCorrect(s.get(0).text(), gold);
 * }</pre>
 */
public final class StepwiseSolver {
    /** Prompts per generation call. */
    static final int CHUNK = 64;

    /** Why solving one problem ended. */
    public enum Ending { ANSWERED, FORMAT_BROKEN, STEP_LIMIT, CONTEXT_FULL }

    /**
     * @param steps  the actions the model wrote, in order
     * @param ending why it stopped
     * @param detail the parser's complaint when the format broke, else {@code ""}
     */
    public record Solution(List<String> steps, Ending ending, String detail) {
        public Solution {
            steps = List.copyOf(steps);
        }

        /** The steps as one solution text, one step per line (what the answer checker reads). */
        public String text() {
            return String.join("\n", steps);
        }
    }

    private final PolicyModel policy;
    private final Tokenizer tokenizer;
    private final int maxSteps;
    private final int maxPositions;
    private final ResponseParser parser = new ResponseParser();

    /**
     * @param maxSteps     the most steps per problem
     * @param maxPositions the model's context length; a problem whose next prompt plus {@code maxNewTokens} would not
     *                     fit ends with {@link Ending#CONTEXT_FULL}
     */
    public StepwiseSolver(PolicyModel policy, Tokenizer tokenizer, int maxSteps, int maxPositions) {
        if (maxSteps < 1) throw new IllegalArgumentException("maxSteps must be >= 1, got " + maxSteps);
        this.policy = policy;
        this.tokenizer = tokenizer;
        this.maxSteps = maxSteps;
        this.maxPositions = maxPositions;
    }

    /** One solution per task, in order. */
    public List<Solution> solve(List<String> tasks, SamplingParams params, Random rng) {
        int n = tasks.size();
        List<List<String>> steps = new ArrayList<>();
        Solution[] done = new Solution[n];
        for (int i = 0; i < n; i++) steps.add(new ArrayList<>());
        for (int round = 0; round < maxSteps; round++) {
            List<Integer> active = new ArrayList<>();
            List<int[]> prompts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (done[i] != null) continue;
                int[] p = tokenizer.encode(CompactStepPrompt.prompt(tasks.get(i), steps.get(i)));
                if (p.length + params.maxNewTokens() > maxPositions) {
                    done[i] = new Solution(steps.get(i), Ending.CONTEXT_FULL, "");
                    continue;
                }
                active.add(i);
                prompts.add(p);
            }
            if (active.isEmpty()) break;
            List<String> responses = Decoding.generate(policy, tokenizer, prompts, params, rng, CHUNK);
            for (int a = 0; a < active.size(); a++) {
                int i = active.get(a);
                ParsedResponse r = parser.parse(responses.get(a));
                if (!r.formatOk()) {
                    done[i] = new Solution(steps.get(i), Ending.FORMAT_BROKEN, r.problem());
                    continue;
                }
                steps.get(i).add(r.action());
                if (r.action().contains("\\boxed")) done[i] = new Solution(steps.get(i), Ending.ANSWERED, "");
            }
        }
        List<Solution> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(done[i] != null ? done[i] : new Solution(steps.get(i), Ending.STEP_LIMIT, ""));
        return out;
    }
}
