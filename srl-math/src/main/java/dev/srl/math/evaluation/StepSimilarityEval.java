package dev.srl.math.evaluation;

import dev.srl.core.data.Step;
import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.model.PolicyModel;
import dev.srl.core.model.SamplingParams;
import dev.srl.core.reward.StepSimilarityReward;
import dev.srl.core.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How close a step-wise model's greedy next step is to the expert's, over held-out step-wise instances
 * (compact prompt). Three numbers: the mean SRL reward (−1 for a broken format), the mean similarity with a
 * broken response counted as 0, and the fraction of responses in the right format.
 *
 * <pre>{@code
 * StepSimilarityEval.Summary s = StepSimilarityEval.evaluate(policy, tokenizer, heldOutInstances, 96);
 * System.out.println(s.meanSimilarity());
 * }</pre>
 */
public final class StepSimilarityEval {

    /** One instance's greedy response and its score. */
    public record StepScore(String id, String expert, String response, double reward, double similarity, boolean formatOk) {
    }

    /**
     * @param instances      how many instances were scored
     * @param meanReward     mean {@link StepSimilarityReward} reward (−1 for a broken format)
     * @param meanSimilarity mean similarity, a broken response counting as 0
     * @param formatOk       fraction of responses in the right format
     * @param scores         every instance's score, in input order
     */
    public record Summary(int instances, double meanReward, double meanSimilarity, double formatOk, List<StepScore> scores) {
        public Summary {
            scores = List.copyOf(scores);
        }
    }

    private StepSimilarityEval() {
    }

    /** Greedy responses to every instance, scored against its target. */
    public static Summary evaluate(PolicyModel policy, Tokenizer tokenizer, List<StepwiseInstance> instances, int maxNewTokens) {
        if (instances.isEmpty()) throw new IllegalArgumentException("no instances to evaluate");
        List<int[]> prompts = new ArrayList<>(instances.size());
        for (StepwiseInstance inst : instances) {
            prompts.add(tokenizer.encode(CompactStepPrompt.prompt(inst.task(), inst.context().stream().map(Step::action).toList())));
        }
        SamplingParams greedy = SamplingParams.greedy(maxNewTokens, tokenizer.eosIds());
        List<String> responses = Decoding.generate(policy, tokenizer, prompts, greedy, new Random(0), StepwiseSolver.CHUNK);
        StepSimilarityReward reward = new StepSimilarityReward();
        List<StepScore> scores = new ArrayList<>();
        double sumReward = 0, sumSim = 0;
        int ok = 0;
        for (int i = 0; i < instances.size(); i++) {
            StepSimilarityReward.Score s = reward.score(responses.get(i), instances.get(i).target());
            double sim = s.formatOk() ? s.similarity() : 0;
            scores.add(new StepScore(instances.get(i).id(), instances.get(i).target(), responses.get(i), s.reward(), sim, s.formatOk()));
            sumReward += s.reward();
            sumSim += sim;
            if (s.formatOk()) ok++;
        }
        int n = instances.size();
        return new Summary(n, sumReward / n, sumSim / n, (double) ok / n, scores);
    }
}
