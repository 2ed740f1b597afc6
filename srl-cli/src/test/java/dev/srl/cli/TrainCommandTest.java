package dev.srl.cli;

import dev.srl.core.data.Step;
import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.data.StepwiseInstanceFile;
import dev.srl.core.model.ModelConfig;
import dev.srl.core.model.io.ModelFolder;
import dev.srl.core.model.io.ModelWeights;
import dev.srl.core.prompt.PromptRenderer;
import dev.srl.core.tokenizer.CharTokenizer;
import dev.srl.core.tokenizer.ChatTemplate;
import dev.srl.core.tokenizer.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainCommandTest {
    @TempDir Path dir;

    private static String[] run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SrlCommand.execute(args);
            return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** A tiny model folder with a character tokenizer covering the rendered prompts, and two instances. */
    private Path setUp() throws IOException {
        List<StepwiseInstance> instances = List.of(
                new StepwiseInstance("t1#1", "t1", 1, "Add 2 and 3.", List.of(Step.of("1. **Sum**: 2+3=5")), null, "2. **Answer**: 5"),
                new StepwiseInstance("t2#0", "t2", 0, "Double 4.", List.of(), null, "1. **Double**: 4*2=8"));
        StringBuilder lines = new StringBuilder();
        List<String> corpus = new ArrayList<>();
        for (StepwiseInstance i : instances) {
            lines.append(StepwiseInstanceFile.toJson(i)).append('\n');
            var m = PromptRenderer.mathSteps().render(i).messages();
            corpus.add(ChatTemplate.CHATML.render(m, true).replace("<|im_start|>", "").replace("<|im_end|>", "") + i.target() + "<>/think");
        }
        Files.writeString(dir.resolve("steps.jsonl"), lines);
        CharTokenizer tok = CharTokenizer.fromCorpus(corpus);
        Path tokDir = Files.createDirectories(dir.resolve("tok"));
        Tokenizers.save(tok, tokDir);
        ModelConfig c = new ModelConfig("qwen2", 8, 16, 1, 2, 1, 4, 1e-6, 10000.0, tok.vocabSize(), true, true, 4096, -1, tok.eosIds());
        ModelFolder.save(dir.resolve("model"), c, ModelWeights.random(c, 1, DataType.FLOAT), tokDir.resolve("tokenizer.json"));
        Path cfg = dir.resolve("srl.yaml");
        Files.writeString(cfg, "name: t\noutputDir: " + dir.resolve("runs") + "\nmodel: " + dir.resolve("model") + "\n"
                + "data: {train: " + dir.resolve("steps.jsonl") + ", template: math-step}\n"
                + "steps: 2\ncheckpointEvery: 1\nsamplesEvery: 1\n"
                + "grpo: {groupSize: 2, promptsPerStep: 1, maxNewTokens: 3, maxSamplingRounds: 1}\n"
                + "sft: {batchSize: 2}\n");
        return cfg;
    }

    @Test
    void srlRunWritesTheRunDirectoryAndResumes() throws IOException {
        Path cfg = setUp();
        String[] r = run("train", "--config", cfg.toString());
        assertEquals("0", r[0], r[2]);
        Path runDir = dir.resolve("runs/t");
        for (String f : new String[] {"config.yaml", "metrics.jsonl", "samples.jsonl", "report.html",
                "checkpoints/step-2/model.safetensors", "checkpoints/step-2/optimizer.safetensors",
                "checkpoints/step-2/trainer-state.json", "checkpoints/step-2/config.json", "checkpoints/step-2/tokenizer.json"}) {
            assertTrue(Files.exists(runDir.resolve(f)), f);
        }
        assertEquals(2, Files.readAllLines(runDir.resolve("metrics.jsonl")).size());
        assertTrue(r[1].contains("step 2/2"), r[1]);
        // The checkpoint is a model folder.
        assertEquals(ModelFolder.load(dir.resolve("model")).config(), ModelFolder.load(runDir.resolve("checkpoints/step-2")).config());

        r = run("train", "--resume", runDir.toString(), "--set", "steps=3");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("resumed from"), r[1]);
        assertEquals(3, Files.readAllLines(runDir.resolve("metrics.jsonl")).size());
        assertTrue(Files.exists(runDir.resolve("checkpoints/step-3/model.safetensors")));
    }

    @Test
    void srlEvaluatesHeldOutInstancesPeriodically() throws IOException {
        Path cfg = setUp();
        String[] r = run("train", "--config", cfg.toString(), "--set", "data.validation=" + dir.resolve("steps.jsonl"),
                "--set", "evalEvery=1", "--set", "checkpointEvery=0");
        assertEquals("0", r[0], r[2]);
        List<String> lines = Files.readAllLines(dir.resolve("runs/t/metrics.jsonl"));
        assertEquals(2, lines.size());
        for (String line : lines) {
            assertTrue(line.contains("\"eval/step_similarity\"") && line.contains("\"eval/format_rate\""), line);
        }
        assertTrue(Files.isDirectory(dir.resolve("runs/t/checkpoints/step-1")), "evaluated steps are checkpointed");

        String[] bad = run("train", "--config", cfg.toString(), "--set", "evalEvery=1", "--set", "name=t2");
        assertEquals("2", bad[0]);
        assertTrue(bad[2].contains("data.validation"), bad[2]);
    }

    @Test
    void sftMethodTrainsOnTheExpertSteps() throws IOException {
        Path cfg = setUp();
        String[] r = run("train", "--config", cfg.toString(), "--set", "method=sft", "--set", "name=s");
        assertEquals("0", r[0], r[2]);
        assertTrue(Files.readString(dir.resolve("runs/s/metrics.jsonl")).contains("\"loss\""));
    }

    @Test
    void evalScoresACheckpoint() throws IOException {
        Path cfg = setUp();
        assertEquals("0", run("train", "--config", cfg.toString(), "--set", "steps=1")[0]);
        Path out = dir.resolve("eval.jsonl");
        String[] r = run("eval", "--model", dir.resolve("runs/t/checkpoints/step-1").toString(), "--data",
                dir.resolve("steps.jsonl").toString(), "--max-new-tokens", "4", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("2 responses: mean reward"), r[1]);
        assertEquals(2, Files.readAllLines(out).size());
        assertTrue(Files.readString(out).contains("\"format_ok\":false"));   // 4 tokens cannot close a think block
        r = run("eval", "--model", dir.resolve("model").toString(), "--data", dir.resolve("steps.jsonl").toString(), "--template", "x");
        assertEquals("2", r[0]);
    }

    @Test
    void configErrorsNameTheFieldAndExit2() throws IOException {
        Path cfg = setUp();
        String[] r = run("train", "--config", cfg.toString(), "--set", "grpo.groupSise=4");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("grpo.groupSise"), r[2]);
        r = run("train", "--config", cfg.toString(), "--set", "grpo.groupSize=1");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("groupSize must be >= 2"), r[2]);
        r = run("train");
        assertEquals("2", r[0]);
        assertTrue(Files.notExists(dir.resolve("runs")), "no run folder on a config error");
    }
}
