package dev.srl.core.train;

import dev.srl.core.reward.RewardFunction;
import dev.srl.core.reward.RewardRequest;
import dev.srl.core.train.grpo.AdvantageScaling;
import dev.srl.core.train.grpo.GrpoConfig;
import dev.srl.core.train.grpo.KlEstimator;
import dev.srl.core.train.grpo.LossAggregation;
import dev.srl.core.train.optim.OptimizerConfig;

import java.util.List;

/** A toy task for {@link TabularPolicy}: token 0 is the prompt, 1..4 are letters a..d, 5 is EOS; learn "abcd". */
public final class ToyTask {
    public static final int EOS = 5;

    private ToyTask() {
    }

    public static String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) sb.append(id == 0 ? '^' : id == EOS ? '$' : (char) ('a' + id - 1));
        return sb.toString();
    }

    /** Fraction of positions of the reference the completion matches, over the longer length. */
    public static final RewardFunction MATCH = new RewardFunction() {
        @Override
        public String name() { return "match"; }

        @Override
        public double[] score(List<RewardRequest> batch) {
            double[] s = new double[batch.size()];
            for (int i = 0; i < s.length; i++) {
                String c = batch.get(i).completion(), r = batch.get(i).reference();
                int hits = 0;
                for (int k = 0; k < Math.min(c.length(), r.length()); k++) if (c.charAt(k) == r.charAt(k)) hits++;
                s[i] = (double) hits / Math.max(c.length(), r.length());
            }
            return s;
        }
    };

    /** G 8, 4 groups, 6 new tokens, lr 0.2, micro-batches of 8. */
    public static GrpoConfig config(int mu, LossAggregation agg, double beta) {
        return new GrpoConfig(8, 4, 6, 1.0, 0, 1.0, List.of(EOS), mu, 0.2, 0.28, beta, KlEstimator.K3, agg,
                AdvantageScaling.GROUP, 1e-6, true, 1e-4, 4, false, 8, OptimizerConfig.constant(0.2), 11, 3);
    }
}
