package dev.srl.core.train.run;

import dev.srl.core.model.PolicyModel;
import dev.srl.core.train.TabularPolicy;
import dev.srl.core.train.grpo.GrpoTrainer;
import dev.srl.core.train.ToyTask;
import dev.srl.core.train.grpo.LossAggregation;
import dev.srl.core.train.optim.AdamW;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingRunTest {

    static GrpoTrainer trainer(TabularPolicy p) {
        return new GrpoTrainer(p, null, ToyTask::decode, ToyTask.MATCH,
                List.of(new dev.srl.core.train.grpo.GrpoPrompt("p0", new int[] {0}, "abcd"),
                        new dev.srl.core.train.grpo.GrpoPrompt("p1", new int[] {0}, "abc"),
                        new dev.srl.core.train.grpo.GrpoPrompt("p2", new int[] {0}, "bcd")),
                ToyTask.config(2, LossAggregation.TOKEN_MEAN, 0).withPromptsPerStep(2));
    }

    static TrainingRun.Options options(long steps, int every) {
        return new TrainingRun.Options(steps, every, 3, 1, false, null, d -> {
            try {
                Files.writeString(d.resolve("extra.txt"), "x");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Stops from inside the loop after {@code stopAfter} steps, like Ctrl-C would. */
    static Trainable stoppingAfter(GrpoTrainer t, TrainingRun[] run, long stopAfter) {
        return new Trainable() {
            public StepReport trainStep() {
                StepReport r = t.trainStep();
                if (r.step() == stopAfter) run[0].requestStop();
                return r;
            }
            public long completedSteps() { return t.completedSteps(); }
            public PolicyModel policy() { return t.policy(); }
            public AdamW optimizer() { return t.optimizer(); }
            public Map<String, Object> state() { return t.state(); }
            public void restore(Map<String, Object> s) { t.restore(s); }
            public void requestSamples(int n) { t.requestSamples(n); }
        };
    }

    @Test
    void interruptedAndResumedRunEndsWithBitwiseTheSameWeights(@TempDir Path tmp) throws IOException {
        TabularPolicy a = new TabularPolicy(6);
        TrainingRun straight = TrainingRun.create(tmp.resolve("a"), Map.of("seed", 11), options(10, 4));
        assertEquals(TrainingRun.Outcome.FINISHED, straight.train(trainer(a)));

        TabularPolicy b = new TabularPolicy(6);
        TrainingRun[] first = {TrainingRun.create(tmp.resolve("b"), Map.of("seed", 11), options(10, 4))};
        assertEquals(TrainingRun.Outcome.STOPPED, first[0].train(stoppingAfter(trainer(b), first, 6)));
        assertTrue(Files.isDirectory(tmp.resolve("b/checkpoints/step-6")), "the stop wrote a checkpoint");
        assertTrue(Files.exists(tmp.resolve("b/checkpoints/step-6/extra.txt")));

        // A fresh process: new model and trainer objects, state only from the checkpoint.
        TabularPolicy c = new TabularPolicy(6);
        assertEquals(TrainingRun.Outcome.FINISHED, TrainingRun.resume(tmp.resolve("b"), options(10, 4)).train(trainer(c)));

        assertArrayEquals(a.parameters().get("table").data().asDouble(), c.parameters().get("table").data().asDouble(), 0.0);
        assertFalse(java.util.Arrays.equals(new double[36], c.parameters().get("table").data().asDouble()), "training moved the weights");
        List<String> la = Files.readAllLines(tmp.resolve("a/metrics.jsonl"));
        List<String> lb = Files.readAllLines(tmp.resolve("b/metrics.jsonl"));
        assertEquals(10, la.size());
        assertEquals(10, lb.size());
        for (int i = 0; i < 10; i++) {
            assertEquals(stripTimes(la.get(i)), stripTimes(lb.get(i)), "metrics line " + (i + 1));
        }
        assertTrue(Files.exists(tmp.resolve("b/report.html")));
        assertTrue(Files.readString(tmp.resolve("b/config.yaml")).contains("seed: 11"));
        assertEquals(3, Files.readAllLines(tmp.resolve("b/samples.jsonl")).size());    // steps 3, 6, 9
    }

    @Test
    void resumeAfterACrashDropsLogLinesPastTheCheckpoint(@TempDir Path tmp) throws IOException {
        TabularPolicy p = new TabularPolicy(6);
        TrainingRun run = TrainingRun.create(tmp.resolve("r"), Map.of(), options(5, 4));
        run.train(trainer(p));
        // Pretend steps 5 was never checkpointed: remove it, as after a kill -9.
        Checkpoints.deleteTree(tmp.resolve("r/checkpoints/step-5"));
        TrainingRun.resume(tmp.resolve("r"), options(5, 4)).train(trainer(new TabularPolicy(6)));
        List<String> lines = Files.readAllLines(tmp.resolve("r/metrics.jsonl"));
        assertEquals(5, lines.size());
        assertTrue(lines.get(4).startsWith("{\"step\":5"));
    }

    @Test
    void existingRunIsNotOverwritten(@TempDir Path tmp) throws IOException {
        TrainingRun.create(tmp, Map.of(), options(1, 0)).train(trainer(new TabularPolicy(6)));
        assertThrows(IllegalArgumentException.class, () -> TrainingRun.create(tmp, Map.of(), options(1, 0)));
        assertThrows(IllegalArgumentException.class, () -> TrainingRun.resume(tmp.resolve("none"), options(1, 0)));
    }

    @Test
    void divergingRunStopsWithoutACheckpoint(@TempDir Path tmp) throws IOException {
        TabularPolicy p = new TabularPolicy(6);
        p.poison = true;
        TrainingRun run = TrainingRun.create(tmp, Map.of(), options(10, 1));
        assertThrows(NonFiniteTrainingException.class, () -> run.train(trainer(p)));
        assertFalse(Files.exists(tmp.resolve("checkpoints/step-3")));
        assertTrue(Checkpoints.latest(tmp).map(Checkpoints::stepOf).orElse(0L) < 3);
    }

    @Test
    void splitMixStateReplays() {
        SplitMixRandom r = new SplitMixRandom(5);
        r.nextGaussian();
        long s = r.state();
        double[] a = {r.nextDouble(), r.nextGaussian(), r.nextInt(17)};
        r.setState(s);
        assertArrayEquals(a, new double[] {r.nextDouble(), r.nextGaussian(), r.nextInt(17)}, 0);
        DataCursor<Integer> c1 = new DataCursor<>(List.of(1, 2, 3, 4, 5), 9);
        List<Integer> first = c1.next(7);
        DataCursor<Integer> c2 = new DataCursor<>(List.of(1, 2, 3, 4, 5), 9);
        c2.seek(c1.epoch(), c1.index());
        assertEquals(c1.next(6), c2.next(6));
        assertEquals(5, new java.util.HashSet<>(first.subList(0, 5)).size(), "an epoch visits every item once");
    }

    private static String stripTimes(String line) {
        return line.replaceAll("\"time/[a-z_]+\":[0-9.eE-]+,?", "");
    }

    @Test
    void periodicEvaluationIsLoggedCheckpointedAndSelectsTheBestCheckpoint(@TempDir Path tmp) throws IOException {
        TabularPolicy p = new TabularPolicy(6);
        GrpoTrainer t = trainer(p);
        double[] scores = {0.2, 0.9, 0.5};          // evaluations at steps 3, 6 and 7 (the last step)
        int[] calls = {0};
        TrainingRun run = TrainingRun.create(tmp.resolve("e"), Map.of("seed", 3), options(7, 0))
                .evaluateEvery(3, () -> Map.of("score", scores[calls[0]++]));
        run.train(t);

        assertEquals(3, calls[0], "evaluated at steps 3, 6 and the last step 7");
        List<String> lines = Files.readAllLines(tmp.resolve("e/metrics.jsonl"));
        assertTrue(lines.get(2).contains("\"eval/score\":0.2"), lines.get(2));
        assertFalse(lines.get(3).contains("eval/"), "no evaluation at step 4");
        for (int step : new int[] {3, 6, 7}) {
            assertTrue(Files.isDirectory(tmp.resolve("e/checkpoints/step-" + step)), "evaluated step " + step + " is checkpointed");
        }
        assertEquals(tmp.resolve("e/checkpoints/step-6"), Pipeline.bestBy("eval/score").select(tmp.resolve("e")));
    }
}
