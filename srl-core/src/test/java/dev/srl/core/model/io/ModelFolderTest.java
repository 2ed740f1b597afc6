package dev.srl.core.model.io;

import dev.srl.core.io.DataFormatException;
import dev.srl.core.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.srl.core.model.io.ModelWeightsTest.LLAMA;
import static dev.srl.core.model.io.ModelWeightsTest.QWEN;
import static org.junit.jupiter.api.Assertions.*;

class ModelFolderTest {
    @TempDir Path dir;

    private Path tokenizer() throws IOException {
        return Files.writeString(dir.resolve("tok.json"), "{\"model\":{\"type\":\"BPE\"}}");
    }

    private static void assertBitEqual(Map<String, INDArray> want, Map<String, INDArray> got) {
        assertEquals(want.keySet(), got.keySet());
        for (String k : want.keySet()) {
            INDArray a = want.get(k), b = got.get(k);
            assertEquals(a.dataType(), b.dataType(), k);
            assertArrayEquals(a.shape(), b.shape(), k);
            if (a.dataType() == DataType.DOUBLE) assertArrayEquals(a.data().asDouble(), b.data().asDouble(), 0.0, k);
            else assertArrayEquals(a.data().asFloat(), b.data().asFloat(), 0f, k);
        }
    }

    @Test
    void saveAndLoadRoundTripBitForBit() throws IOException {
        for (ModelConfig c : List.of(QWEN, LLAMA)) {
            Map<String, INDArray> w = ModelWeights.random(c, 11, DataType.FLOAT);
            Path out = dir.resolve("m-" + c.modelType());
            ModelFolder.save(out, c, w, tokenizer());
            assertTrue(Files.isRegularFile(out.resolve("config.json")));
            assertTrue(Files.isRegularFile(out.resolve("model.safetensors")));
            assertTrue(Files.isRegularFile(out.resolve("generation_config.json")));
            assertEquals(Files.readString(tokenizer()), Files.readString(out.resolve("tokenizer.json")));

            ModelFolder m = ModelFolder.load(out);
            assertEquals(c, m.config());
            assertEquals(out.resolve("tokenizer.json"), m.tokenizerJson());
            assertBitEqual(w, m.weights());
            assertEquals(List.copyOf(ModelWeights.expectedShapes(c).keySet()), List.copyOf(m.weights().keySet()));
            try (SafetensorsReader r = SafetensorsReader.open(out.resolve("model.safetensors"))) {
                assertEquals("pt", r.metadata().get("format"));
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary folders left");
        }
    }

    @Test
    void doubleWeightsRoundTripAsF64() throws IOException {
        Map<String, INDArray> w = ModelWeights.random(LLAMA, 5, DataType.DOUBLE);
        Path out = dir.resolve("d");
        ModelFolder.save(out, LLAMA, w, null);
        assertTrue(Files.readString(out.resolve("config.json")).contains("\"float64\""));
        ModelFolder m = ModelFolder.load(out, DataType.DOUBLE);
        assertNull(m.tokenizerJson());
        assertBitEqual(w, m.weights());
        assertEquals(DataType.FLOAT, ModelFolder.load(out).weights().get("lm_head.weight").dataType());
    }

    @Test
    void saveReplacesAnExistingFolderWhole() throws IOException {
        Path out = dir.resolve("m");
        ModelFolder.save(out, QWEN, ModelWeights.random(QWEN, 1, DataType.FLOAT), tokenizer());
        Files.writeString(out.resolve("stale.txt"), "old");
        Map<String, INDArray> w2 = ModelWeights.random(QWEN, 2, DataType.FLOAT);
        ModelFolder.save(out, QWEN, w2, null);
        assertFalse(Files.exists(out.resolve("stale.txt")));
        assertFalse(Files.exists(out.resolve("tokenizer.json")));
        assertBitEqual(w2, ModelFolder.load(out).weights());
    }

    @Test
    void saveNeverReplacesAFolderThatIsNotAModel() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("thesis.tex"), "precious");
        var e = assertThrows(IllegalArgumentException.class,
                () -> ModelFolder.save(home, QWEN, ModelWeights.random(QWEN, 1, DataType.FLOAT), null));
        assertTrue(e.getMessage().contains("not a model folder"), e.getMessage());
        assertEquals("precious", Files.readString(home.resolve("thesis.tex")));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        ModelFolder.save(empty, QWEN, ModelWeights.random(QWEN, 1, DataType.FLOAT), null);
        assertTrue(Files.isRegularFile(empty.resolve("model.safetensors")));
    }

    @Test
    void saveRefusesMismatchedWeightsAndLeavesNothing() {
        Map<String, INDArray> w = new HashMap<>(ModelWeights.random(QWEN, 1, DataType.FLOAT));
        w.put("model.norm.weight", Nd4j.ones(DataType.FLOAT, 65));
        var e = assertThrows(IllegalArgumentException.class, () -> ModelFolder.save(dir.resolve("bad"), QWEN, w, null));
        assertTrue(e.getMessage().contains("model.norm.weight"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("bad")));
    }

    @Test
    void loadNamesMissingTensorsAndWrongShapes() throws IOException {
        Path out = dir.resolve("m");
        Map<String, INDArray> w = new HashMap<>(ModelWeights.random(LLAMA, 1, DataType.FLOAT));
        ModelFolder.save(out, LLAMA, w, null);
        w.remove("model.layers.0.mlp.down_proj.weight");
        SafetensorsWriter.write(out.resolve("model.safetensors"), w, Map.of());
        var e = assertThrows(DataFormatException.class, () -> ModelFolder.load(out));
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("'model.layers.0.mlp.down_proj.weight': missing"),
                e.getMessage());

        w.put("model.layers.0.mlp.down_proj.weight", Nd4j.zeros(DataType.FLOAT, 176, 64));
        SafetensorsWriter.write(out.resolve("model.safetensors"), w, Map.of());
        e = assertThrows(DataFormatException.class, () -> ModelFolder.load(out));
        assertTrue(e.getMessage().contains("'model.layers.0.mlp.down_proj.weight': shape [176, 64]"), e.getMessage());
    }

    @Test
    void loadsBf16CheckpointsWidenedAndIgnoresRedundantTiedHead() throws IOException {
        Path out = dir.resolve("m");
        Map<String, INDArray> w = ModelWeights.random(QWEN, 3, DataType.FLOAT);
        ModelFolder.save(out, QWEN, w, null);
        Map<String, INDArray> withHead = new HashMap<>(w);
        withHead.put("lm_head.weight", w.get("model.embed_tokens.weight"));
        SafetensorsWriter.write(out.resolve("model.safetensors"), withHead, Map.of("format", "pt"), SafetensorsDtype.BF16);
        ModelFolder m = ModelFolder.load(out);
        assertFalse(m.weights().containsKey("lm_head.weight"));
        INDArray emb = m.weights().get("model.embed_tokens.weight");
        float x = w.get("model.embed_tokens.weight").getFloat(5, 7);
        assertEquals(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(x)), emb.getFloat(5, 7), 0f);
        assertEquals(x, emb.getFloat(5, 7), Math.abs(x) / 128);
    }

    @Test
    void loadsShardedFoldersAndGenerationConfigEos() throws IOException {
        Path out = dir.resolve("m");
        Map<String, INDArray> w = ModelWeights.random(LLAMA, 4, DataType.FLOAT);
        ModelFolder.save(out, LLAMA, w, null);
        Files.delete(out.resolve("model.safetensors"));
        Map<String, INDArray> first = new HashMap<>(), second = new HashMap<>();
        StringBuilder map = new StringBuilder();
        for (var e : w.entrySet()) {
            boolean one = e.getKey().startsWith("model.layers.0") || e.getKey().startsWith("model.embed");
            (one ? first : second).put(e.getKey(), e.getValue());
            map.append(map.isEmpty() ? "" : ",").append('"').append(e.getKey()).append("\":\"")
                    .append(one ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors").append('"');
        }
        SafetensorsWriter.write(out.resolve("model-00001-of-00002.safetensors"), first, Map.of());
        SafetensorsWriter.write(out.resolve("model-00002-of-00002.safetensors"), second, Map.of());
        Files.writeString(out.resolve("model.safetensors.index.json"), "{\"weight_map\":{" + map + "}}");
        Files.writeString(out.resolve("generation_config.json"), "{\"eos_token_id\":[257,3]}");
        ModelFolder m = ModelFolder.load(out);
        assertBitEqual(w, m.weights());
        assertEquals(List.of(257, 3), m.config().eosTokenIds());
    }
}
