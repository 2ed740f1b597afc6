package dev.srl.core.train.grpo;

import dev.srl.core.reward.RewardFunction;
import dev.srl.core.reward.RewardRequest;
import dev.srl.core.train.TabularPolicy;
import dev.srl.core.train.ToyTask;
import dev.srl.core.train.run.NonFiniteTrainingException;
import dev.srl.core.train.run.StepReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrpoTrainerTest {
    static List<GrpoPrompt> prompts() {
        return List.of(new GrpoPrompt("p0", new int[] {0}, "abcd"), new GrpoPrompt("p1", new int[] {0}, "abcd"));
    }

    static double meanReward(GrpoTrainer t, int steps) {
        double s = 0;
        for (int i = 0; i < steps; i++) s += (double) t.trainStep().metrics().get("reward_mean");
        return s / steps;
    }

    @Test
    void grpoLearnsTheTargetSequence() {
        for (LossAggregation agg : LossAggregation.values()) {
            TabularPolicy p = new TabularPolicy(6);
            GrpoTrainer t = new GrpoTrainer(p, null, ToyTask::decode, ToyTask.MATCH, prompts(), ToyTask.config(1, agg, 0));
            double first = meanReward(t, 3);
            meanReward(t, 35);
            double last = meanReward(t, 3);
            assertTrue(first < 0.3, agg + ": starting reward " + first);
            assertTrue(last > 0.7, agg + ": reward after 40 steps " + last + " (from " + first + ")");
        }
    }

    @Test
    void severalPolicyIterationsAndKlAlsoLearn() {
        TabularPolicy p = new TabularPolicy(6);
        TabularPolicy ref = new TabularPolicy(6);
        GrpoTrainer t = new GrpoTrainer(p, ref, ToyTask::decode, ToyTask.MATCH, prompts(),
                ToyTask.config(3, LossAggregation.TOKEN_MEAN, 0.01));
        StepReport first = t.trainStep();
        assertEquals(3, first.metrics().get("updates"));
        assertTrue((double) first.metrics().get("loss") != (double) first.metrics().get("loss_last_iteration"));
        meanReward(t, 25);
        assertTrue(meanReward(t, 3) > 0.7);
        assertTrue((double) t.trainStep().metrics().get("kl") > 0, "the policy moved away from the reference");
    }

    @Test
    void dynamicSamplingFiltersConstantGroupsAndResamples() {
        // Prompt "c" always scores 0.5; prompt "v" varies. Only "v" groups can be kept.
        RewardFunction r = new RewardFunction() {
            @Override
            public String name() { return "r"; }

            @Override
            public double[] score(List<RewardRequest> batch) {
                return batch.stream().mapToDouble(q -> q.reference().equals("c") ? 0.5 : q.completion().length()).toArray();
            }
        };
        List<GrpoPrompt> ps = List.of(new GrpoPrompt("c", new int[] {0}, "c"), new GrpoPrompt("v", new int[] {0}, "v"));
        GrpoConfig cfg = ToyTask.config(1, LossAggregation.TOKEN_MEAN, 0).withPromptsPerStep(2);
        GrpoTrainer t = new GrpoTrainer(new TabularPolicy(6), null, ToyTask::decode, r, ps, cfg);
        for (int i = 0; i < 3; i++) {
            StepReport s = t.trainStep();
            assertEquals(2, s.metrics().get("groups_kept"));
            assertTrue((int) s.metrics().get("groups_filtered") >= 1);
            assertTrue((int) s.metrics().get("sampling_rounds") >= 2);
            assertEquals(true, s.updated());
        }
    }

    @Test
    void everyGroupFilteredSkipsTheUpdateWithAWarning() {
        RewardFunction constant = new RewardFunction() {
            @Override
            public String name() { return "const"; }

            @Override
            public double[] score(List<RewardRequest> batch) { return new double[batch.size()]; }
        };
        TabularPolicy p = new TabularPolicy(6);
        GrpoTrainer t = new GrpoTrainer(p, null, ToyTask::decode, constant, prompts(),
                ToyTask.config(1, LossAggregation.TOKEN_MEAN, 0));
        StepReport s = t.trainStep();
        assertEquals(false, s.updated());
        assertEquals(0, s.metrics().get("groups_kept"));
        assertEquals(4, s.metrics().get("sampling_rounds"));
        assertEquals(1.0, s.metrics().get("frac_zero_std_groups"));
        @SuppressWarnings("unchecked") List<String> w = (List<String>) s.metrics().get("warnings");
        assertTrue(w.stream().anyMatch(x -> x.contains("nothing to learn")), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.contains("same reward")), w.toString());
        assertEquals(0.0, p.parameters().get("table").sumNumber().doubleValue());
    }

    @Test
    void disabledDynamicSamplingKeepsConstantGroups() {
        RewardFunction constant = new RewardFunction() {
            @Override
            public String name() { return "const"; }

            @Override
            public double[] score(List<RewardRequest> batch) { return new double[batch.size()]; }
        };
        GrpoConfig c = ToyTask.config(1, LossAggregation.TOKEN_MEAN, 0);
        GrpoConfig off = new GrpoConfig(c.groupSize(), c.promptsPerStep(), c.maxNewTokens(), c.temperature(), 0, 1, c.stopIds(), 1,
                0.2, 0.2, 0, KlEstimator.K3, LossAggregation.TOKEN_MEAN, AdvantageScaling.GROUP, 1e-6, false, 1e-4, 4, false, 0,
                c.optimizer(), 1, 3);
        GrpoTrainer t = new GrpoTrainer(new TabularPolicy(6), null, ToyTask::decode, constant, prompts(), off);
        StepReport s = t.trainStep();
        assertEquals(4, s.metrics().get("groups_kept"));
        assertEquals(1, s.metrics().get("sampling_rounds"));
        assertEquals(0.0, (double) s.metrics().get("grad_norm"));   // zero advantages: zero gradient
    }

    @Test
    void truncationIsReportedAndCanBeMasked() {
        GrpoConfig c = ToyTask.config(1, LossAggregation.TOKEN_MEAN, 0);
        GrpoConfig tiny = new GrpoConfig(8, 2, 1, 1.0, 0, 1, List.of(), 1, 0.2, 0.2, 0, KlEstimator.K3, LossAggregation.TOKEN_MEAN,
                AdvantageScaling.GROUP, 1e-6, true, 1e-4, 4, true, 0, c.optimizer(), 1, 3);
        GrpoTrainer t = new GrpoTrainer(new TabularPolicy(6), null, ToyTask::decode, ToyTask.MATCH, prompts(), tiny);
        StepReport s = t.trainStep();
        assertEquals(1.0, s.metrics().get("truncated_frac"));
        @SuppressWarnings("unchecked") List<String> w = (List<String>) s.metrics().get("warnings");
        assertTrue(w.stream().anyMatch(x -> x.contains("maxNewTokens")), w.toString());
        assertEquals(false, s.updated());     // every token masked
    }

    @Test
    void nonFiniteStepsAreSkippedThenStopTheRun() {
        TabularPolicy p = new TabularPolicy(6);
        GrpoTrainer t = new GrpoTrainer(p, null, ToyTask::decode, ToyTask.MATCH, prompts(),
                ToyTask.config(1, LossAggregation.TOKEN_MEAN, 0));
        t.trainStep();
        double[] before = p.parameters().get("table").dup().data().asDouble();
        p.poison = true;
        assertEquals(false, t.trainStep().updated());
        assertEquals(false, t.trainStep().updated());
        assertTrue(java.util.Arrays.equals(before, p.parameters().get("table").data().asDouble()), "skipped steps leave the weights alone");
        NonFiniteTrainingException e = assertThrows(NonFiniteTrainingException.class, t::trainStep);
        assertTrue(e.getMessage().contains("3 steps in a row"), e.getMessage());
    }

    @Test
    void weightedRewardComponentsAreLoggedSeparately() {
        RewardFunction length = new RewardFunction() {
            @Override
            public String name() { return "length"; }

            @Override
            public double[] score(List<RewardRequest> batch) {
                return batch.stream().mapToDouble(q -> q.completion().length()).toArray();
            }
        };
        var reward = new dev.srl.core.reward.WeightedReward("total", List.of(
                new dev.srl.core.reward.WeightedReward.Component(ToyTask.MATCH, 1.0),
                new dev.srl.core.reward.WeightedReward.Component(length, 0.5)));
        GrpoTrainer t = new GrpoTrainer(new TabularPolicy(6), null, ToyTask::decode, reward, prompts(),
                ToyTask.config(1, LossAggregation.TOKEN_MEAN, 0));
        t.requestSamples(1);
        StepReport s = t.trainStep();
        double match = (double) s.metrics().get("reward/match/mean");
        double len = (double) s.metrics().get("reward/length/mean");
        assertEquals(match + 0.5 * len, (double) s.metrics().get("reward_mean"), 1e-12);
        @SuppressWarnings("unchecked") var rollouts = (List<java.util.Map<String, Object>>) s.samples().get(0).get("rollouts");
        assertEquals(8, rollouts.size());
        assertTrue(rollouts.get(0).containsKey("reward/length"));
    }

    @Test
    void tokenAdvantagesReplaceTheBroadcast() {
        // Only the first completion token gets an advantage: only the row of the prompt token (0) may change.
        TabularPolicy p = new TabularPolicy(6);
        GrpoTrainer t = new GrpoTrainer(p, null, ToyTask::decode, ToyTask.MATCH, prompts(), ToyTask.config(1, LossAggregation.TOKEN_MEAN, 0));
        t.setTokenAdvantages((prompt, c, a) -> {
            double[] x = new double[c.tokens().length];
            x[0] = a;
            return x;
        });
        for (int i = 0; i < 3; i++) t.trainStep();
        double[][] w = p.parameters().get("table").toDoubleMatrix();
        for (int row = 1; row < 6; row++) for (double v : w[row]) assertEquals(0.0, v, "row " + row);
        assertTrue(java.util.Arrays.stream(w[0]).anyMatch(v -> v != 0));
    }

    @Test
    void betaNeedsAReference() {
        assertThrows(IllegalArgumentException.class, () -> new GrpoTrainer(new TabularPolicy(6), null, ToyTask::decode,
                ToyTask.MATCH, prompts(), ToyTask.config(1, LossAggregation.TOKEN_MEAN, 0.1)));
    }
}
