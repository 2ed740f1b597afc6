package dev.srl.core.train.eval;

import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.model.Completion;
import dev.srl.core.model.PolicyModel;
import dev.srl.core.model.SamplingParams;
import dev.srl.core.prompt.PromptRenderer;
import dev.srl.core.reward.StepSimilarityReward;
import dev.srl.core.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Scores a model's next-step predictions on step-wise instances with the SRL step reward: the model gets each
 * instance's prompt, generates (greedily or sampled) and its action is compared with the expert step. Reports the
 * mean reward (−1 for a broken format), the mean similarity of well-formed responses and the format rate.
 *
 * <pre>{@code
 * List<StepEvaluation.Item> items = StepEvaluation.run(model, tokenizer, PromptRenderer.mathSteps(), instances,
 *         SamplingParams.greedy(512, tokenizer.eosIds()), 8, new Random(1));
 * System.out.println(StepEvaluation.summarize(items));
 * }</pre>
 */
public final class StepEvaluation {
    private StepEvaluation() {
    }

    /** One instance's result. */
    public record Item(String id, String completion, double reward, double similarity, boolean formatOk, int tokens, boolean truncated) {
    }

    /** Means over the items; {@code meanSimilarity} is over well-formed responses only (NaN if none). */
    public record Summary(int count, double meanReward, double meanSimilarity, double formatRate, double meanTokens,
                          double truncatedRate) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%d responses: mean reward %.4f, mean similarity (well-formed) %.4f, "
                    + "format ok %.1f%%, mean length %.1f tokens, truncated %.1f%%", count, meanReward, meanSimilarity,
                    100 * formatRate, meanTokens, 100 * truncatedRate);
        }
    }

    /** How one response is scored against the expert step; adapters plug in their own (e.g. tool calls). */
    @FunctionalInterface
    public interface Scorer {
        Scored score(String completion, String target);
    }

    /** One response's score: the reward, the similarity of a well-formed answer (NaN otherwise), and its format. */
    public record Scored(double reward, double similarity, boolean formatOk) {
    }

    /** The SRL step reward ({@link StepSimilarityReward}) as a scorer. */
    public static Scorer stepSimilarity() {
        StepSimilarityReward reward = new StepSimilarityReward();
        return (completion, target) -> {
            StepSimilarityReward.Score s = reward.score(completion, target);
            return new Scored(s.reward(), s.similarity(), s.formatOk());
        };
    }

    /** Generates one response per instance, {@code batchSize} prompts at a time, and scores it with the step reward. */
    public static List<Item> run(PolicyModel policy, Tokenizer tokenizer, PromptRenderer renderer, List<StepwiseInstance> instances,
                                 SamplingParams params, int batchSize, Random rng) {
        return run(policy, tokenizer, renderer, instances, params, batchSize, rng, stepSimilarity());
    }

    /** Generates one response per instance, {@code batchSize} prompts at a time, and scores it with {@code scorer}. */
    public static List<Item> run(PolicyModel policy, Tokenizer tokenizer, PromptRenderer renderer, List<StepwiseInstance> instances,
                                 SamplingParams params, int batchSize, Random rng, Scorer scorer) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        List<Item> items = new ArrayList<>();
        for (int s = 0; s < instances.size(); s += batchSize) {
            List<StepwiseInstance> chunk = instances.subList(s, Math.min(instances.size(), s + batchSize));
            List<int[]> prompts = chunk.stream().map(i -> StepPrompts.encode(tokenizer, renderer, i)).toList();
            List<Completion> outs = policy.sample(prompts, params, rng);
            for (int k = 0; k < chunk.size(); k++) {
                Completion c = outs.get(k);
                int[] toks = c.tokens();
                // The stop token ends the turn; it is not part of the answer.
                if (c.finishReason() == Completion.FinishReason.STOP_TOKEN && toks.length > 0 && params.stopIds().contains(toks[toks.length - 1])) {
                    toks = Arrays.copyOf(toks, toks.length - 1);
                }
                String text = tokenizer.decode(toks);
                Scored sc = scorer.score(text, chunk.get(k).target());
                items.add(new Item(chunk.get(k).id(), text, sc.reward(), sc.similarity(), sc.formatOk(), c.tokens().length, c.truncated()));
            }
        }
        return items;
    }

    public static Summary summarize(List<Item> items) {
        int n = items.size(), ok = 0, truncated = 0;
        double reward = 0, sim = 0, tokens = 0;
        for (Item i : items) {
            reward += i.reward();
            tokens += i.tokens();
            if (i.truncated()) truncated++;
            if (i.formatOk()) {
                ok++;
                sim += i.similarity();
            }
        }
        double d = Math.max(n, 1);
        return new Summary(n, reward / d, ok == 0 ? Double.NaN : sim / ok, ok / d, tokens / d, truncated / d);
    }
}
