package dev.srl.math.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaperTableExperimentTest {

    @Test
    void tinyScaleRunsEveryMethodUnderMatchedBudgetsAndWritesTheTable(@TempDir Path dir) throws Exception {
        ExperimentConfig c = ExperimentConfig.forScale("tiny", 3);
        PrintStream progress = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PaperTable t = PaperTableExperiment.run(c, dir, progress);

        // every method trained and was scored, after the base model
        assertEquals(List.of("base", "sft", "rlvr", "srl", "srl-then-rlvr", "one-step-similarity", "srl-no-ds"),
                List.copyOf(t.scores().keySet()));
        assertTrue(Files.isRegularFile(dir.resolve("base/model/config.json")), "the shared base model folder");

        // matched budgets, counted from the metrics files rather than the config
        Map<Method, Budget> b = PaperTableExperiment.budgets(dir, c);
        int perUpdate = c.promptsPerStep() * c.groupSize();
        for (Method m : Method.values()) {
            assertEquals(c.steps(), b.get(m).steps(), m + " optimizer steps");
            assertTrue(b.get(m).sequencesTrained() <= (long) perUpdate * c.steps(), m + " trains on at most P*G sequences per step");
        }
        assertEquals((long) perUpdate * c.steps(), b.get(Method.SFT).sequencesTrained(), "SFT batch = P*G");
        assertEquals((long) perUpdate * c.steps(), b.get(Method.SRL_NO_DYNAMIC_SAMPLING).sequencesSampled(),
                "without dynamic sampling every step samples exactly P*G rollouts");
        assertEquals(b.get(Method.SRL_NO_DYNAMIC_SAMPLING).sequencesSampled(), b.get(Method.SRL_NO_DYNAMIC_SAMPLING).sequencesTrained());
        assertTrue(Files.isRegularFile(dir.resolve("methods/srl-then-rlvr/srl/metrics.jsonl")));
        assertEquals(c.steps() - c.srlHalf(), Files.readAllLines(dir.resolve("methods/srl-then-rlvr/rlvr/metrics.jsonl")).size());

        // the outputs
        String table = Files.readString(dir.resolve("table.md"));
        for (Method m : Method.values()) assertTrue(table.contains("| " + m.label() + " |"), m + " row in table.md");
        assertTrue(table.contains("| Base (warm-up only) |"));
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(7, results.get("models").size());
        JsonNode srl = results.get("models").get("srl");
        assertEquals(c.steps(), srl.get("budget").get("optimizer_steps").asInt());
        double acc = srl.get("greedy_accuracy").asDouble();
        assertTrue(acc >= 0 && acc <= 1);
        assertTrue(Files.readString(dir.resolve("rewards.svg")).startsWith("<svg"));
        assertTrue(Files.readString(dir.resolve("accuracy.svg")).contains("<rect"));
        assertEquals(c.testProblems(), Files.readAllLines(dir.resolve("greedy-solutions.jsonl")).size());

        assertThrows(IllegalArgumentException.class, () -> PaperTableExperiment.run(c, dir, progress), "a finished run is not overwritten");
    }

    @Test
    void aRunDirectoryWithABaseModelReusesIt(@TempDir Path dir) throws Exception {
        ExperimentConfig c = ExperimentConfig.forScale("tiny", 4);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PaperTable first = PaperTableExperiment.run(c, dir.resolve("a"), quiet);
        Path second = dir.resolve("b");
        Files.createDirectories(second);
        copy(dir.resolve("a/base"), second.resolve("base"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PaperTable again = PaperTableExperiment.run(c, second, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("base model: reusing"), "no second warm-up");
        assertEquals(first.scores().get("base").greedy(), again.scores().get("base").greedy(), "the same base model answers the same");
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
    }
}
