package dev.srl.core.train.grpo;

import dev.srl.core.model.ModelBenchmark;
import dev.srl.core.model.ModelConfig;
import dev.srl.core.model.PolicyModel;
import dev.srl.core.model.Transformer;
import dev.srl.core.reward.RewardFunction;
import dev.srl.core.reward.RewardRequest;
import dev.srl.core.reward.SequenceMatcher;
import dev.srl.core.train.optim.OptimizerConfig;
import dev.srl.core.train.run.SplitMixRandom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the wall time of one SRL step goes: sampling, reward, update. It runs a few GRPO steps on a given
 * policy with random prompts and a character-level difflib similarity reward against random references
 * (dynamic sampling off, so every step trains on the full batch), and averages the step's own timing metrics.
 *
 * <pre>{@code
 * GrpoStepBenchmark.Split s = GrpoStepBenchmark.run(policy, ids -> text, GrpoStepBenchmark.config(8, 4, 64), 16, 3);
 * System.out.println(s);   // sampling 71.2%  reward 0.4%  update 28.0% ...
 * }</pre>
 */
public final class GrpoStepBenchmark {
    private GrpoStepBenchmark() {
    }

    /** Mean seconds per step of each phase over the measured steps. */
    public record Split(int steps, double samplingSeconds, double rewardSeconds, double updateSeconds, double stepSeconds,
                        double completionTokens) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d steps, %.3f s/step: sampling %.3f s (%.1f%%), reward %.3f s (%.1f%%), "
                            + "update %.3f s (%.1f%%), other %.3f s; %.0f completion tokens/step",
                    steps, stepSeconds, samplingSeconds, 100 * samplingSeconds / stepSeconds, rewardSeconds,
                    100 * rewardSeconds / stepSeconds, updateSeconds, 100 * updateSeconds / stepSeconds,
                    stepSeconds - samplingSeconds - rewardSeconds - updateSeconds, completionTokens);
        }
    }

    /** A benchmark config: G, prompts per step, max new tokens; no dynamic sampling, no stop ids (fixed lengths). */
    public static GrpoConfig config(int groupSize, int promptsPerStep, int maxNewTokens) {
        return new GrpoConfig(groupSize, promptsPerStep, maxNewTokens, 1.0, 0, 1.0, List.of(), 1, 0.2, 0.2, 0.0,
                KlEstimator.K3, LossAggregation.TOKEN_MEAN, AdvantageScaling.GROUP, GroupAdvantage.DEFAULT_EPSILON, false,
                1e-4, 1, false, 0, OptimizerConfig.constant(1e-5), 1, 3);
    }

    /**
     * Runs {@code warmup + steps} GRPO steps and averages the last {@code steps}.
     *
     * @param vocab        prompt ids are drawn from {@code [0, vocab)}
     * @param promptLength tokens per prompt
     */
    public static Split run(PolicyModel policy, Function<int[], String> detokenizer, GrpoConfig config, int vocab,
                            int promptLength, int steps, int warmup) {
        SplitMixRandom rng = new SplitMixRandom(7);
        List<GrpoPrompt> prompts = new ArrayList<>();
        for (int i = 0; i < Math.max(config.promptsPerStep(), 8); i++) {
            int[] toks = new int[promptLength];
            for (int k = 0; k < promptLength; k++) toks[k] = rng.nextInt(vocab);
            int[] ref = new int[config.maxNewTokens()];
            for (int k = 0; k < ref.length; k++) ref[k] = rng.nextInt(vocab);
            prompts.add(new GrpoPrompt("bench-" + i, toks, detokenizer.apply(ref)));
        }
        RewardFunction similarity = new RewardFunction() {
            @Override
            public String name() { return "similarity"; }

            @Override
            public double[] score(List<RewardRequest> batch) {
                return batch.stream().mapToDouble(r -> SequenceMatcher.ratio(r.completion(), r.reference(), false)).toArray();
            }
        };
        GrpoTrainer trainer = new GrpoTrainer(policy, null, detokenizer, similarity, prompts, config);
        double sampling = 0, reward = 0, update = 0, step = 0, tokens = 0;
        for (int i = 0; i < warmup + steps; i++) {
            Map<String, Object> m = trainer.trainStep().metrics();
            if (i < warmup) continue;
            sampling += (double) m.get("time/sampling_s");
            reward += (double) m.get("time/reward_s");
            update += (double) m.get("time/update_s");
            step += (double) m.get("time/step_s");
            tokens += (double) m.get("completion_len_mean") * config.groupSize() * config.promptsPerStep();
        }
        return new Split(steps, sampling / steps, reward / steps, update / steps, step / steps, tokens / steps);
    }

    /** {@code GrpoStepBenchmark [size 1M|10M|30M] [G] [prompts] [maxNewTokens] [steps]}: a random transformer of ModelBenchmark's sizes. */
    public static void main(String[] args) {
        String size = args.length > 0 ? args[0] : "1M";
        int g = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int p = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        int steps = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        ModelConfig cfg = ModelBenchmark.sizes().stream().filter(s -> s.name().equals(size)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown size " + size + "; use 1M, 10M or 30M")).config();
        Transformer model = new Transformer(cfg, ModelBenchmark.randomWeights(cfg, 1));
        Function<int[], String> text = ids -> {
            StringBuilder sb = new StringBuilder();
            for (int id : ids) sb.append((char) ('a' + id % 26));
            return sb.toString();
        };
        Split s = run(model, text, config(g, p, n), cfg.vocabSize(), 32, steps, 1);
        System.out.println("GRPO step, model " + size + ", G " + g + ", prompts " + p + ", new tokens " + n + ": " + s);
    }
}
