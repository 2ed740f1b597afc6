package dev.srl.core.reward;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RewardsTest {
    private final StepSimilarityReward reward = new StepSimilarityReward();

    @Test
    void similarityOfTheActionOnly() {
        var s = reward.score("<think>the monologue is never scored</think> 2. **Add**: 3+4=7", "2. **Add**: 3 + 4 = 7");
        assertTrue(s.formatOk());
        assertEquals("2. **Add**: 3+4=7", s.action());
        assertEquals(0.8947368421052632, s.reward());
        assertEquals(s.reward(), s.similarity());
        assertEquals(1.0, reward.score("<think>x</think><solution>same</solution>", "same\r\n").reward());
    }

    @Test
    void brokenFormatScoresMinusOne() {
        var s = reward.score("2. **Add**: 3 + 4 = 7", "2. **Add**: 3 + 4 = 7");
        assertEquals(-1.0, s.reward());
        assertTrue(Double.isNaN(s.similarity()));
        assertFalse(s.formatOk());
        assertEquals("missing <think>", s.problem());
    }

    @Test
    void autojunkIsASwitchAndOffByDefault() {
        String expert = "Substitute x = 3 into the equation and simplify both sides to get the value of y. ".repeat(3);
        String action = "Put x = 3 in the equation, then simplify each side to obtain the value of y. ".repeat(3);
        String response = "<think>t</think>" + action;
        double off = reward.score(response, expert).reward();
        double on = new StepSimilarityReward(new ResponseParser(), true).score(response, expert).reward();
        assertEquals(SequenceMatcher.ratio(action.strip(), expert.strip(), false), off);
        assertEquals(SequenceMatcher.ratio(action.strip(), expert.strip(), true), on);
        assertNotEquals(off, on);
        assertFalse(reward.autojunk());
    }

    @Test
    void batchScoresInOrder() {
        double[] s = reward.score(List.of(
                new RewardRequest("<think>a</think>abcd", "bcde"),
                new RewardRequest("no think", "x"),
                new RewardRequest("<think>a</think>x", "x")));
        assertArrayEquals(new double[]{0.75, -1.0, 1.0}, s);
        assertEquals("step_similarity", reward.name());
    }

    @Test
    void outcomeRewardFromACheck() {
        OutcomeReward exact = OutcomeReward.ofCheck("exact", (c, gold) -> c.strip().equals(gold));
        assertEquals(1.0, exact.score(" 42 ", "42"));
        assertArrayEquals(new double[]{0.0, 1.0},
                exact.score(List.of(new RewardRequest("41", "42"), new RewardRequest("42", "42"))));
        assertEquals("exact", exact.name());
    }

    @Test
    void weightedSumKeepsEachComponent() {
        OutcomeReward exact = OutcomeReward.ofCheck("exact", (c, gold) -> c.contains(gold));
        var w = new WeightedReward("mix", List.of(
                new WeightedReward.Component(reward, 1.0),
                new WeightedReward.Component(exact, 0.5)));
        var batch = List.of(new RewardRequest("<think>a</think>abcd", "bcde"), new RewardRequest("oops", "oops"));
        WeightedReward.Scores s = w.scoreAll(batch);
        assertArrayEquals(new double[]{0.75, -1.0}, s.components().get("step_similarity"));
        assertArrayEquals(new double[]{0.0, 1.0}, s.components().get("exact"));
        assertArrayEquals(new double[]{0.75, -0.5}, s.total());
        assertArrayEquals(s.total(), w.score(batch));
        assertEquals(List.of("step_similarity", "exact"), List.copyOf(s.components().keySet()));
    }

    @Test
    void weightedRewardRejectsBadSetups() {
        assertThrows(IllegalArgumentException.class, () -> new WeightedReward("w", List.of(
                new WeightedReward.Component(reward, 1), new WeightedReward.Component(reward, 2))));
        assertThrows(IllegalArgumentException.class, () -> new WeightedReward("w", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new WeightedReward.Component(reward, Double.NaN));
        RewardFunction broken = new RewardFunction() {
            @Override public String name() { return "short"; }
            @Override public double[] score(List<RewardRequest> batch) { return new double[0]; }
        };
        var w = new WeightedReward("w", List.of(new WeightedReward.Component(broken, 1)));
        assertThrows(IllegalStateException.class, () -> w.score(List.of(new RewardRequest("a", "b"))));
    }
}
