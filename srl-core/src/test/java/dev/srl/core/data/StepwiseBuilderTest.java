package dev.srl.core.data;

import dev.srl.core.data.StepwiseOptions.Targets;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepwiseBuilderTest {

    /** Steps "a1".."aN", titles "T1".."TN", thoughts "th1".."thN", observations "o1".."oN". */
    static Trajectory trajectory(String id, int n) {
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i <= n; i++) steps.add(new Step("a" + i, "T" + i, "th" + i, "o" + i));
        return new Trajectory(id, "the task", null, steps);
    }

    private static List<String> actions(List<Step> steps) {
        return steps.stream().map(Step::action).toList();
    }

    @Test
    void mathDefaultsTargetStepsTwoToNWithTheFullHistory() {
        var out = new StepwiseBuilder(StepwiseOptions.math()).build(trajectory("t", 4));
        assertEquals(3, out.size());
        assertEquals(List.of("t#1", "t#2", "t#3"), out.stream().map(StepwiseInstance::id).toList());
        assertEquals(List.of("a2", "a3", "a4"), out.stream().map(StepwiseInstance::target).toList());
        assertEquals(List.of("a1"), actions(out.get(0).context()));
        assertEquals(List.of("a1", "a2", "a3"), actions(out.get(2).context()));
        for (StepwiseInstance i : out) {
            assertEquals("t", i.trajectoryId());
            assertEquals("the task", i.task());
            assertNull(i.hint());
            assertEquals("a" + (i.stepIndex() + 1), i.target());
        }
    }

    @Test
    void allTargetsEveryStepAndTheFirstSeesOnlyTheTask() {
        var out = new StepwiseBuilder(StepwiseOptions.math().withTargets(Targets.ALL)).build(trajectory("t", 4));
        assertEquals(4, out.size());
        assertEquals("t#0", out.get(0).id());
        assertTrue(out.get(0).context().isEmpty());
        assertEquals("a1", out.get(0).target());
        assertEquals("a4", out.get(3).target());
    }

    @Test
    void skipLastIsTheLiteralReading() {
        var out = new StepwiseBuilder(StepwiseOptions.math().withTargets(Targets.SKIP_LAST)).build(trajectory("t", 4));
        assertEquals(List.of("a1", "a2", "a3"), out.stream().map(StepwiseInstance::target).toList());
        assertTrue(out.get(0).context().isEmpty());
    }

    @Test
    void lastKPairsKeepsTheLastKStepsWithTheirObservations() {
        var out = new StepwiseBuilder(StepwiseOptions.swe()).build(trajectory("s", 5));
        assertEquals(4, out.size());
        assertEquals(List.of("a1"), actions(out.get(0).context()));
        assertEquals(List.of("a1", "a2"), actions(out.get(1).context()));
        assertEquals(List.of("a2", "a3"), actions(out.get(2).context()));
        assertEquals(List.of("a3", "a4"), actions(out.get(3).context()));
        assertEquals("o4", out.get(3).context().get(1).observation());

        var k3 = new StepwiseBuilder(StepwiseOptions.math().withLastK(3).withTargets(Targets.ALL)).build(trajectory("s", 5));
        assertEquals(List.of(0, 1, 2, 3, 3), k3.stream().map(i -> i.context().size()).toList());
        assertEquals(List.of("a2", "a3", "a4"), actions(k3.get(4).context()));
    }

    @Test
    void thoughtsAreDroppedUnlessAsked() {
        var without = new StepwiseBuilder(StepwiseOptions.math()).build(trajectory("t", 3));
        for (var i : without) for (Step s : i.context()) {
            assertNull(s.thought());
            assertTrue(s.title() != null && s.observation() != null, "only the thought is dropped");
        }
        var with = new StepwiseBuilder(StepwiseOptions.math().withThoughts(true)).build(trajectory("t", 3));
        assertEquals(List.of("th1", "th2"), with.get(1).context().stream().map(Step::thought).toList());
    }

    @Test
    void titleHintIsTheTargetStepsTitle() {
        var t = new Trajectory("h", "task", null, List.of(
                new Step("1. **Count** 3", "Count", null, null),
                new Step("2. **Add** 3 + 4 = 7", "Add", null, null),
                Step.of("3. done")));
        var out = new StepwiseBuilder(StepwiseOptions.math().withTitleHint(true)).build(t);
        assertEquals("Add", out.get(0).hint());
        assertNull(out.get(1).hint(), "a step without a title gives no hint");
        assertNull(new StepwiseBuilder(StepwiseOptions.math()).build(t).get(0).hint());
    }

    @Test
    void instanceCountMatchesBuildForEveryChoice() {
        for (Targets targets : Targets.values()) {
            var b = new StepwiseBuilder(StepwiseOptions.math().withTargets(targets));
            for (int n = 1; n <= 5; n++) {
                assertEquals(b.instanceCount(n), b.build(trajectory("t", n)).size(), targets + " n=" + n);
            }
        }
        assertTrue(new StepwiseBuilder(StepwiseOptions.math()).build(trajectory("t", 1)).isEmpty());
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> StepwiseOptions.swe().withLastK(0));
        assertThrows(IllegalArgumentException.class, () -> StepwiseOptions.math().withTargets(null));
    }
}
