package dev.srl.swe.stepwise;

import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.model.Completion;
import dev.srl.core.model.PolicyModel;
import dev.srl.core.model.SamplingParams;
import dev.srl.core.prompt.PromptRenderer;
import dev.srl.core.tokenizer.Tokenizer;
import dev.srl.core.train.eval.StepEvaluation;
import dev.srl.core.train.eval.StepPrompts;
import dev.srl.swe.reward.ToolCallReward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * {@link StepEvaluation} for agent steps: the model answers each instance's prompt and {@link ToolCallReward}
 * scores its tool call against the expert's (−1 unless it is exactly one canonical call). The items and their
 * {@link StepEvaluation#summarize summary} are the core evaluation's, so math and SWE runs report alike.
 *
 * <pre>{@code
 * var items = ToolCallEvaluation.run(model, tokenizer, SwePrompts.renderer(), heldOut,
 *         SamplingParams.greedy(512, tokenizer.eosIds()), 8, new Random(1));
 * System.out.println(StepEvaluation.summarize(items));   // mean similarity, format-ok rate, ...
 * }</pre>
 */
public final class ToolCallEvaluation {
    private ToolCallEvaluation() {
    }

    /** Generates one response per instance, {@code batchSize} prompts at a time, and scores its tool call. */
    public static List<StepEvaluation.Item> run(PolicyModel policy, Tokenizer tokenizer, PromptRenderer renderer,
                                                List<StepwiseInstance> instances, SamplingParams params, int batchSize,
                                                Random rng) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        ToolCallReward reward = new ToolCallReward();
        List<StepEvaluation.Item> items = new ArrayList<>();
        for (int s = 0; s < instances.size(); s += batchSize) {
            List<StepwiseInstance> chunk = instances.subList(s, Math.min(instances.size(), s + batchSize));
            List<int[]> prompts = chunk.stream().map(i -> StepPrompts.encode(tokenizer, renderer, i)).toList();
            List<Completion> outs = policy.sample(prompts, params, rng);
            for (int k = 0; k < chunk.size(); k++) {
                Completion c = outs.get(k);
                int[] toks = c.tokens();
                // The stop token ends the turn; it is not part of the answer.
                if (c.finishReason() == Completion.FinishReason.STOP_TOKEN && toks.length > 0
                        && params.stopIds().contains(toks[toks.length - 1])) {
                    toks = Arrays.copyOf(toks, toks.length - 1);
                }
                String text = tokenizer.decode(toks);
                ToolCallReward.Score sc = reward.score(text, chunk.get(k).target());
                items.add(new StepEvaluation.Item(chunk.get(k).id(), text, sc.reward(), sc.similarity(), sc.problem() == null,
                        c.tokens().length, c.truncated()));
            }
        }
        return items;
    }
}
