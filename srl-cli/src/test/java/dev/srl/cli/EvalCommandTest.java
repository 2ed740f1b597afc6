package dev.srl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.model.ModelConfig;
import dev.srl.core.model.io.ModelFolder;
import dev.srl.core.model.io.ModelWeights;
import dev.srl.core.tokenizer.CharTokenizer;
import dev.srl.math.evaluation.PromptStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code srl eval} on a tiny random model folder and a three-problem benchmark. */
class EvalCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    private static String[] run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SrlCommand.execute(args);
            return new String[]{String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path modelFolder(PromptStyle style) throws Exception {
        StringBuilder alphabet = new StringBuilder("\n");
        for (char c = ' '; c <= '~'; c++) alphabet.append(c);
        List<String> specials = new ArrayList<>(CharTokenizer.DEFAULT_SPECIALS);
        specials.add(CharTokenizer.UNK);
        CharTokenizer tok = CharTokenizer.ofAlphabet(alphabet.toString(), specials);
        Path tokDir = Files.createDirectories(dir.resolve("tok"));
        tok.save(tokDir);
        ModelConfig c = new ModelConfig("qwen2", 16, 32, 1, 2, 1, 8, 1e-6, 10000, tok.vocabSize(), true, true, 1024, -1, tok.eosIds());
        Path model = dir.resolve("model-" + style.id());
        ModelFolder.save(model, c, ModelWeights.random(c, 3, DataType.FLOAT), tokDir.resolve("tokenizer.json"));
        style.save(model);
        return model;
    }

    private Path benchmark() throws Exception {
        Path f = dir.resolve("bench.jsonl");
        Files.writeString(f, """
                {"id": "a", "problem": "Compute 3 + 4.", "answer": "7"}
                {"id": "b", "problem": "Solve for x: 2x = 10.", "answer": "5"}
                {"id": "c", "problem": "Compute (2 + 3) * 4.", "answer": "20"}
                """);
        return f;
    }

    @Test
    void scoresAStepwiseModelAndWritesJson() throws Exception {
        Path model = modelFolder(PromptStyle.COMPACT_STEPS);
        Path out = dir.resolve("results.json");
        String[] r = run("eval", "--task", "math", "--benchmark", benchmark().toString(), "--model", model.toString(),
                "--k", "2", "--temperature", "1.0", "--max-new-tokens", "6", "--max-steps", "2", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("| benchmark | problems | greedy | avg@2 | pass@1 | pass@2 |"), r[1]);
        assertTrue(r[1].contains("| bench | 3 |"), r[1]);
        JsonNode json = JSON.readTree(out.toFile());
        assertEquals("compact-steps", json.get("prompt_style").asText());
        assertEquals(3, json.get("score").get("problems").asInt());
        assertTrue(json.get("score").get("pass@k").has("2"));
        assertEquals(3, json.get("problems").size());
        // A random model never writes a boxed answer: every problem is wrong, and the metrics say so.
        assertEquals(0.0, json.get("score").get("greedy").asDouble());
        assertEquals("b", json.get("problems").get(1).get("id").asText());
        assertFalse(json.get("problems").get(1).get("greedy_correct").asBoolean());
    }

    @Test
    void chatModelsRunTheWholeProblemPromptOnce() throws Exception {
        Path model = modelFolder(PromptStyle.CHATML);
        Path out = dir.resolve("chat.json");
        String[] r = run("eval", "--task", "math", "--benchmark", benchmark().toString(), "--model", model.toString(),
                "--max-new-tokens", "4", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        JsonNode json = JSON.readTree(out.toFile());
        assertEquals("chatml", json.get("prompt_style").asText());
        assertFalse(json.get("score").has("samples"));
    }

    @Test
    void userErrorsExitTwoWithOneLine() throws Exception {
        Path model = modelFolder(PromptStyle.COMPACT_STEPS);
        String[] r = run("eval", "--task", "swe", "--benchmark", benchmark().toString(), "--model", model.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--task swe is not supported"), r[2]);
        r = run("eval", "--task", "math", "--benchmark", dir.resolve("missing.jsonl").toString(), "--model", model.toString());
        assertEquals("2", r[0]);
        Path out = dir.resolve("never.json");
        r = run("eval", "--task", "math", "--benchmark", benchmark().toString(), "--model", model.toString(), "--k", "2",
                "--temperature", "0", "--out", out.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("temperature > 0"), r[2]);
        assertFalse(Files.exists(out));
    }
}
