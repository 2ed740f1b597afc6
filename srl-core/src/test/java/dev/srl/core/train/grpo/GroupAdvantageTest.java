package dev.srl.core.train.grpo;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GroupAdvantageTest {

    @Test
    void groupScalingUsesPopulationStd() {
        double[] adv = GroupAdvantage.compute(new double[] {1, 0, 0, 1, 0.5, 0.5}, 2, AdvantageScaling.GROUP, 0);
        assertArrayEquals(new double[] {1, -1, -1, 1, 0, 0}, adv, 1e-15);
        // G = 4: rewards {0,0,0,1}: mean 0.25, population std sqrt(3)/4.
        double[] a4 = GroupAdvantage.compute(new double[] {0, 0, 0, 1}, 4, AdvantageScaling.GROUP, 0);
        assertEquals(0.75 / (Math.sqrt(3) / 4), a4[3], 1e-12);
    }

    @Test
    void batchScalingKeepsGroupMeanAndUsesBatchStd() {
        double[] r = {1, 0, 3, 3};
        double[] adv = GroupAdvantage.compute(r, 2, AdvantageScaling.BATCH, 0);
        double batchStd = GroupAdvantage.populationStd(r, 0, 4);
        assertArrayEquals(new double[] {0.5 / batchStd, -0.5 / batchStd, 0, 0}, adv, 1e-15);
    }

    @Test
    void noneScalingOnlyCentres() {
        assertArrayEquals(new double[] {0.25, -0.25, 1, -1}, GroupAdvantage.compute(new double[] {0.5, 0, 2, 0}, 2, AdvantageScaling.NONE), 1e-15);
    }

    @Test
    void epsilonLimitsTinySpreads() {
        double[] adv = GroupAdvantage.compute(new double[] {1e-9, -1e-9}, 2, AdvantageScaling.GROUP, 1e-6);
        assertEquals(1e-9 / (1e-9 + 1e-6), adv[0], 1e-15);
    }

    @Test
    void weightedSumCombinesRewardFunctions() {
        assertArrayEquals(new double[] {1.5, -0.5}, GroupAdvantage.weightedSum(new double[][] {{1, 0}, {1, -1}}, new double[] {1, 0.5}), 1e-15);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> GroupAdvantage.compute(new double[] {1, 2, 3}, 2, AdvantageScaling.GROUP));
        assertThrows(IllegalArgumentException.class, () -> GroupAdvantage.compute(new double[] {1, Double.NaN}, 2, AdvantageScaling.GROUP));
    }

    @Test
    void dynamicSamplerResamplesUntilTheBatchIsFull() {
        // Each "prompt" is a group; even-numbered prompts have constant rewards and must be filtered.
        int[] next = {0};
        List<Integer> requests = new ArrayList<>();
        DynamicSampler ds = new DynamicSampler(true, 1e-4, 10);
        DynamicSampler.Outcome<double[]> out = ds.collect(3, n -> {
            requests.add(n);
            List<double[]> groups = new ArrayList<>();
            for (int i = 0; i < n; i++, next[0]++) groups.add(next[0] % 2 == 0 ? new double[] {0.5, 0.5} : new double[] {0, 1});
            return groups;
        }, g -> g);
        assertEquals(3, out.keptCount());
        assertEquals(3, out.filteredCount());
        assertEquals(List.of(3, 2, 1), requests);
        assertEquals(3, out.rounds());
        assertEquals(6, out.sampledGroups());
        for (double[] g : out.kept()) assertEquals(0.5, GroupAdvantage.populationStd(g, 0, 2), 1e-15);
    }

    @Test
    void dynamicSamplerStopsAtTheRoundCap() {
        DynamicSampler ds = new DynamicSampler(true, 0.01, 4);
        DynamicSampler.Outcome<double[]> out = ds.collect(2, n -> List.of(new double[] {1, 1, 1}), g -> g);
        assertEquals(0, out.keptCount());
        assertEquals(4, out.rounds());
        assertEquals(4, out.filteredCount());
        assertEquals(true, out.shortOf(2));
    }

    @Test
    void disabledSamplerKeepsEverythingInOneRound() {
        DynamicSampler ds = new DynamicSampler(false, 0.01, 4);
        DynamicSampler.Outcome<double[]> out = ds.collect(2, n -> List.of(new double[] {1, 1}, new double[] {0, 1}), g -> g);
        assertEquals(2, out.keptCount());
        assertEquals(0, out.filteredCount());
        assertEquals(1, out.rounds());
    }

    @Test
    void thresholdIsStrict() {
        DynamicSampler ds = new DynamicSampler(true, 0.5, 1);
        assertEquals(false, ds.keeps(new double[] {0, 1}));      // std exactly 0.5
        assertEquals(true, ds.keeps(new double[] {0, 1.01}));
    }
}
