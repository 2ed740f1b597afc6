package dev.srl.math.quickstart;

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

class MathQuickstartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void toyRunWritesTheRunDirectoryAndIsDeterministic(@TempDir Path tmp) throws Exception {
        QuickstartConfig c = QuickstartConfig.toy();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        QuickstartResult r = MathQuickstart.run(c, tmp.resolve("a"), new PrintStream(log, true, StandardCharsets.UTF_8));
        Path dir = r.runDir();
        for (String f : List.of("results.json", "results.md", "report.html", "eval-samples.jsonl", "tokenizer.json",
                "model/config.json", "model/model.safetensors", "model/tokenizer.json", "model/srl.json",
                "curriculum/easy/train.trajectories.jsonl", "curriculum/hard/test.problems.jsonl",
                "sft/config.yaml", "sft/metrics.jsonl", "sft/report.html", "sft/checkpoints/step-" + c.sftSteps() + "/model.safetensors",
                "srl/metrics.jsonl", "srl/report.html", "srl/checkpoints/step-" + c.srlSteps() + "/config.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertEquals(c.sftSteps(), Files.readAllLines(dir.resolve("sft/metrics.jsonl")).size());
        assertEquals(c.srlSteps(), Files.readAllLines(dir.resolve("srl/metrics.jsonl")).size());
        JsonNode results = JSON.readTree(dir.resolve("results.json").toFile());
        for (String stage : List.of("start", "after_srl", "change")) {
            for (String m : List.of("step_similarity", "step_reward", "format_ok", "accuracy_greedy", "avg@2", "pass@2")) {
                assertTrue(results.path(stage).path(m).isNumber(), stage + "." + m);
            }
        }
        assertEquals(r.afterSrl().stepSimilarity(), results.path("after_srl").path("step_similarity").asDouble(), 1e-12);
        assertEquals(c.srlSteps(), results.path("config").path("srlSteps").asInt());
        assertTrue(r.table().contains("| step similarity to expert (greedy)"), r.table());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("SRL: " + c.srlSteps() + " GRPO steps"));
        long stepLines = Files.readAllLines(dir.resolve("eval-samples.jsonl")).stream().filter(l -> l.contains("\"kind\":\"step\"")).count();
        assertEquals(c.evalInstances(), stepLines);

        QuickstartResult again = MathQuickstart.run(c, tmp.resolve("b"), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(r.start(), again.start());
        assertEquals(r.afterSrl(), again.afterSrl());
        assertThrows(IllegalArgumentException.class, () -> MathQuickstart.run(c, dir, new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void settingsCanBeOverriddenByNameAndUnknownNamesAreRefused() {
        QuickstartConfig c = QuickstartConfig.defaults().with(Map.of("srlLr", "3e-4", "hard.maxSteps", "4", "sftSteps", "7"));
        assertEquals(3e-4, c.srlLr());
        assertEquals(4, c.hard().maxSteps());
        assertEquals(7, c.sftSteps());
        assertEquals(QuickstartConfig.defaults().groupSize(), c.groupSize());
        var e = assertThrows(IllegalArgumentException.class, () -> QuickstartConfig.defaults().with(Map.of("srlLR", "1")));
        assertTrue(e.getMessage().contains("'srlLR' does not exist"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QuickstartConfig.defaults().with(Map.of("hard.maxSteps", "40")));
        assertTrue(e.getMessage().contains("max-steps"), e.getMessage());
    }
}
