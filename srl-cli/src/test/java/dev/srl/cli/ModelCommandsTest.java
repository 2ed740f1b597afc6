package dev.srl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.model.ModelConfig;
import dev.srl.core.model.SamplingParams;
import dev.srl.core.model.TokenBatch;
import dev.srl.core.model.Transformer;
import dev.srl.core.model.TinyModels;
import dev.srl.core.model.io.ModelFolder;
import dev.srl.core.tokenizer.CharTokenizer;
import dev.srl.core.tokenizer.Tokenizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** {@code srl logprobs} and {@code srl generate} on a tiny random model folder. */
class ModelCommandsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    @TempDir Path dir;

    private static String[] run(String... args) {
        return CliRun.run(args).asArray();
    }

    /** A folder with a tiny Qwen2-style model over a character vocabulary; returns the model it holds. */
    private Transformer folder(Path at) throws IOException {
        CharTokenizer tok = CharTokenizer.ofAlphabet("abcdefgh ");
        Path tokDir = Files.createDirectories(dir.resolve("tok"));
        Tokenizers.save(tok, tokDir);
        ModelConfig c = TinyModels.qwen2(tok.vocabSize());
        var weights = TinyModels.randomWeights(c, 9, DataType.FLOAT);
        ModelFolder.save(at, c, weights, tokDir.resolve("tokenizer.json"));
        return new Transformer(c, ModelFolder.load(at).weights());
    }

    @Test
    void logprobsMatchTheForwardPass() throws IOException {
        Path m = dir.resolve("m");
        Transformer model = folder(m);
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"tokens\":[1,2,3,4]}\n{\"tokens\":[5,5]}\n{\"tokens\":[6]}\n");
        Path out = dir.resolve("out.jsonl");
        String[] r = run("logprobs", "--model", m.toString(), "-i", in.toString(), "-o", out.toString(), "--batch-size", "2");
        assertEquals("0", r[0], r[2]);
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size());
        INDArray lp = model.forward(TokenBatch.pad(List.of(new int[]{1, 2, 3, 4}), 0), 1.0).logProbs();
        JsonNode first = MAPPER.readTree(lines.get(0)).get("logprobs");
        assertEquals(3, first.size());
        for (int i = 1; i < 4; i++) assertEquals(lp.getDouble(0, i), first.get(i - 1).asDouble(), 1e-5);
        assertEquals(1, MAPPER.readTree(lines.get(1)).get("logprobs").size());
        assertEquals(0, MAPPER.readTree(lines.get(2)).get("logprobs").size());
    }

    @Test
    void aBadLineNamesTheLineAndLeavesNoOutput() throws IOException {
        Path m = dir.resolve("m");
        folder(m);
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"tokens\":[1,2]}\n{\"tokens\":[1,999]}\n");
        Path out = dir.resolve("out.jsonl");
        String[] r = run("logprobs", "--model", m.toString(), "-i", in.toString(), "-o", out.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains(":2") && r[2].contains("tokens"), r[2]);
        assertFalse(Files.exists(out));
    }

    @Test
    void greedyGenerationMatchesTheLibraryAndDecodesText() throws IOException {
        Path m = dir.resolve("m");
        Transformer model = folder(m);
        CharTokenizer tok = (CharTokenizer) Tokenizers.load(m);
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"text\":\"abc\"}\n{\"tokens\":[3,4,5,6]}\n");
        Path out = dir.resolve("out.jsonl");
        String[] r = run("generate", "--model", m.toString(), "-i", in.toString(), "-o", out.toString(),
                "--greedy", "--ignore-eos", "--max-new-tokens", "6");
        assertEquals("0", r[0], r[2]);
        List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size());
        var expected = model.sample(List.of(tok.encode("abc"), new int[]{3, 4, 5, 6}),
                SamplingParams.greedy(6, List.of()), new Random(0));
        for (int b = 0; b < 2; b++) {
            JsonNode o = MAPPER.readTree(lines.get(b));
            int[] ids = MAPPER.convertValue(o.get("tokens"), int[].class);
            assertArrayEquals(expected.get(b).tokens(), ids);
            assertEquals(tok.decode(ids), o.get("text").asText());
            assertEquals("length", o.get("finish_reason").asText());
            assertEquals(6, o.get("logprobs").size());
        }
    }

    @Test
    void aSeedReproducesSampledGenerations() throws IOException {
        Path m = dir.resolve("m");
        folder(m);
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"tokens\":[1]}\n{\"tokens\":[2,3]}\n");
        String[] a = run("generate", "--model", m.toString(), "-i", in.toString(), "--temperature", "1.5",
                "--top-p", "0.9", "--top-k", "5", "--seed", "4", "--max-new-tokens", "8", "--ignore-eos");
        String[] b = run("generate", "--model", m.toString(), "-i", in.toString(), "--temperature", "1.5",
                "--top-p", "0.9", "--top-k", "5", "--seed", "4", "--max-new-tokens", "8", "--ignore-eos");
        assertEquals("0", a[0], a[2]);
        assertEquals(a[1], b[1]);
        assertEquals(2, a[1].strip().split("\n").length);
    }
}
