package dev.srl.swe.stepwise;

import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.model.PolicyModel;
import dev.srl.core.model.SamplingParams;
import dev.srl.core.prompt.PromptRenderer;
import dev.srl.core.tokenizer.Tokenizer;
import dev.srl.core.train.eval.StepEvaluation;
import dev.srl.swe.reward.ToolCallReward;

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
        ToolCallReward reward = new ToolCallReward();
        return StepEvaluation.run(policy, tokenizer, renderer, instances, params, batchSize, rng, (completion, target) -> {
            ToolCallReward.Score sc = reward.score(completion, target);
            return new StepEvaluation.Scored(sc.reward(), sc.similarity(), sc.problem() == null);
        });
    }
}
