package dev.srl.cli;

import dev.srl.core.model.ModelConfig;
import dev.srl.core.model.io.ModelConfigJson;
import dev.srl.core.model.io.ModelFolder;
import dev.srl.core.model.io.ModelWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class InitModelCommandTest {
    static final Path QWEN = Path.of("..", "examples", "models", "tiny-qwen2", "config.json");
    static final Path LLAMA = Path.of("..", "examples", "models", "tiny-llama", "config.json");
    @TempDir Path dir;

    /** Runs the CLI, returning exit code, stdout and stderr. */
    private static String[] run(String... args) {
        return CliRun.run(args).asArray();
    }

    private Path tokenizer() throws IOException {
        return Files.writeString(dir.resolve("tokenizer.json"), "{\"version\":\"1.0\",\"model\":{\"type\":\"BPE\",\"vocab\":{}}}");
    }

    @Test
    void writesALoadableRandomModelFolder() throws IOException {
        for (Path config : new Path[]{QWEN, LLAMA}) {
            Path out = dir.resolve("m-" + config.getParent().getFileName());
            String[] r = run("init-model", "--config", config.toString(), "--tokenizer", tokenizer().toString(),
                    "--seed", "42", "--out", out.toString());
            assertEquals("0", r[0], r[2]);
            assertTrue(r[1].contains("parameters (seed 42)"), r[1]);
            ModelConfig c = ModelConfigJson.read(config);
            ModelFolder m = ModelFolder.load(out);
            assertEquals(c, m.config());
            assertEquals(ModelWeights.random(c, 42, DataType.FLOAT), m.weights());
            assertEquals(Files.readString(tokenizer()), Files.readString(m.tokenizerJson()));
        }
    }

    @Test
    void sameSeedGivesIdenticalFiles() throws IOException {
        for (String name : new String[]{"a", "b"}) {
            assertEquals("0", run("init-model", "--config", QWEN.toString(), "--seed", "7", "--out", dir.resolve(name).toString())[0]);
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/model.safetensors")), Files.readAllBytes(dir.resolve("b/model.safetensors")));
        assertFalse(Files.exists(dir.resolve("a/tokenizer.json")));
    }

    @Test
    void refusesATokenizerThatIsNotJson() throws IOException {
        Path bad = Files.writeString(dir.resolve("tok.json"), "{not json");
        String[] r = run("init-model", "--config", QWEN.toString(), "--tokenizer", bad.toString(), "--out", dir.resolve("m").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("tok.json") && r[2].contains("not valid JSON"), r[2]);
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void refusesAnUnsupportedConfigNamingTheField() throws IOException {
        Path cfg = Files.writeString(dir.resolve("config.json"),
                Files.readString(QWEN).replace("\"rope_scaling\": null", "\"rope_scaling\": {\"type\": \"linear\", \"factor\": 2}"));
        String[] r = run("init-model", "--config", cfg.toString(), "--out", dir.resolve("m").toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("config.json") && r[2].contains("rope_scaling"), r[2]);
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void keepsAnExistingFolderUnlessForced() throws IOException {
        Path out = dir.resolve("m");
        assertEquals("0", run("init-model", "--config", QWEN.toString(), "--out", out.toString())[0]);
        Files.writeString(out.resolve("keep.txt"), "x");
        String[] r = run("init-model", "--config", QWEN.toString(), "--out", out.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--force"), r[2]);
        assertTrue(Files.exists(out.resolve("keep.txt")));
        assertEquals("0", run("init-model", "--config", QWEN.toString(), "--out", out.toString(), "--force")[0]);
        assertFalse(Files.exists(out.resolve("keep.txt")));
        assertTrue(Files.exists(out.resolve("model.safetensors")));

        Path notModel = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notModel.resolve("a.txt"), "x");
        r = run("init-model", "--config", QWEN.toString(), "--out", notModel.toString(), "--force");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("not a model folder"), r[2]);
        assertTrue(Files.exists(notModel.resolve("a.txt")));
    }

    @Test
    void helpShowsAnExample() {
        String[] r = run("init-model", "--help");
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("srl init-model --config"), r[1]);
    }
}
