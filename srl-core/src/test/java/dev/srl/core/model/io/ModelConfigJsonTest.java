package dev.srl.core.model.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.io.DataFormatException;
import dev.srl.core.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ModelConfigJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    /** The values of Qwen2.5-0.5B-Instruct's config.json. */
    static final String QWEN = """
            {"architectures":["Qwen2ForCausalLM"],"attention_dropout":0.0,"bos_token_id":151643,"eos_token_id":151645,
             "hidden_act":"silu","hidden_size":896,"initializer_range":0.02,"intermediate_size":4864,
             "max_position_embeddings":32768,"max_window_layers":21,"model_type":"qwen2","num_attention_heads":14,
             "num_hidden_layers":24,"num_key_value_heads":2,"rms_norm_eps":1e-06,"rope_theta":1000000.0,
             "sliding_window":32768,"tie_word_embeddings":true,"torch_dtype":"bfloat16","use_cache":true,
             "use_sliding_window":false,"vocab_size":151936}""";

    static final String LLAMA = """
            {"model_type":"llama","hidden_size":64,"intermediate_size":176,"num_hidden_layers":2,
             "num_attention_heads":4,"vocab_size":300}""";

    @Test
    void readsQwen2() {
        ModelConfig c = ModelConfigJson.parse(QWEN, "qwen/config.json");
        assertEquals(new ModelConfig("qwen2", 896, 4864, 24, 14, 2, 64, 1e-6, 1e6, 151936, true, true, 32768,
                151643, List.of(151645)), c);
    }

    @Test
    void readsLlamaWithHuggingFaceDefaults() {
        ModelConfig c = ModelConfigJson.parse(LLAMA, "llama");
        assertEquals(new ModelConfig("llama", 64, 176, 2, 4, 4, 16, 1e-6, 10000, 300, false, false, 2048,
                1, List.of(2)), c);
    }

    @Test
    void eosMayBeAListOrNullAndHeadDimExplicit() {
        ModelConfig c = ModelConfigJson.parse(with(LLAMA, "{\"eos_token_id\":[2,7],\"bos_token_id\":null,"
                + "\"head_dim\":32,\"num_key_value_heads\":2,\"rope_theta\":500000}"), "x");
        assertEquals(List.of(2, 7), c.eosTokenIds());
        assertEquals(-1, c.bosTokenId());
        assertEquals(32, c.headDim());
        assertEquals(2, c.numKvHeads());
        assertEquals(500000, c.ropeTheta());
        assertEquals(List.of(), ModelConfigJson.parse(with(LLAMA, "{\"eos_token_id\":null}"), "x").eosTokenIds());
    }

    @Test
    void qwen2AlwaysHasAttentionBiasWhateverTheFileSays() {
        assertTrue(ModelConfigJson.parse(with(QWEN, "{\"attention_bias\":false}"), "x").attentionBias());
    }

    @Test
    void acceptsPlainRopeParametersOfNewerTransformers() {
        String v5 = with(LLAMA, "{\"rope_parameters\":{\"rope_type\":\"default\",\"rope_theta\":123.0}}");
        assertEquals(123.0, ModelConfigJson.parse(v5, "x").ropeTheta());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "model_type        | {\"model_type\":\"mistral\"}",
            "model_type        | {\"model_type\":null}",
            "rope_scaling      | {\"rope_scaling\":{\"type\":\"linear\",\"factor\":2.0}}",
            "rope_parameters.rope_type | {\"rope_parameters\":{\"rope_type\":\"yarn\",\"factor\":4}}",
            "use_sliding_window | {\"use_sliding_window\":true}",
            "hidden_act        | {\"hidden_act\":\"gelu\"}",
            "mlp_bias          | {\"mlp_bias\":true}",
            "attention_bias    | {\"attention_bias\":true}",
            "quantization_config | {\"quantization_config\":{\"bits\":4}}",
            "num_key_value_heads | {\"num_key_value_heads\":3}",
            "head_dim          | {\"head_dim\":15}",
            "head_dim          | {\"hidden_size\":66}",
            "hidden_size       | {\"hidden_size\":null}",
            "intermediate_size | {\"intermediate_size\":0}",
            "num_hidden_layers | {\"num_hidden_layers\":\"two\"}",
            "num_attention_heads | {\"num_attention_heads\":-4}",
            "vocab_size        | {\"vocab_size\":null}",
            "rms_norm_eps      | {\"rms_norm_eps\":0}",
            "rope_theta        | {\"rope_theta\":\"big\"}",
            "tie_word_embeddings | {\"tie_word_embeddings\":\"yes\"}",
            "eos_token_id[1]   | {\"eos_token_id\":[2,300]}",
            "bos_token_id      | {\"bos_token_id\":-5}",
    })
    void refusesUnsupportedOrBrokenFieldsByName(String field, String patch) {
        var e = assertThrows(DataFormatException.class, () -> ModelConfigJson.parse(with(LLAMA, patch), "dir/config.json"));
        assertTrue(e.getMessage().startsWith("dir/config.json"), e.getMessage());
        assertEquals(field.trim(), e.field(), e.getMessage());
    }

    @Test
    void refusesSlidingWindowForQwen2() {
        var e = assertThrows(DataFormatException.class,
                () -> ModelConfigJson.parse(with(QWEN, "{\"use_sliding_window\":true}"), "q"));
        assertEquals("use_sliding_window", e.field());
    }

    @Test
    void refusesInvalidJson() {
        var e = assertThrows(DataFormatException.class, () -> ModelConfigJson.parse("{\"a\":", "c.json"));
        assertTrue(e.getMessage().startsWith("c.json"), e.getMessage());
    }

    @Test
    void writtenConfigReadsBackEqualAndIsHuggingFaceShaped() throws IOException {
        for (String src : List.of(QWEN, LLAMA, with(LLAMA, "{\"eos_token_id\":[2,7],\"bos_token_id\":null}"))) {
            ModelConfig c = ModelConfigJson.parse(src, "x");
            Path f = dir.resolve("config.json");
            ModelConfigJson.write(c, f);
            assertEquals(c, ModelConfigJson.read(f));
            var tree = JSON.readTree(Files.readString(f));
            assertEquals(c.modelType().equals("qwen2") ? "Qwen2ForCausalLM" : "LlamaForCausalLM", tree.get("architectures").get(0).asText());
            assertEquals("float32", tree.get("torch_dtype").asText());
            assertEquals("silu", tree.get("hidden_act").asText());
        }
    }

    @Test
    void generationConfigReplacesEosIds() throws IOException {
        ModelConfig c = ModelConfigJson.parse(QWEN, "x");
        Path g = Files.writeString(dir.resolve("generation_config.json"),
                "{\"bos_token_id\":151643,\"eos_token_id\":[151645,151643],\"do_sample\":true}");
        assertEquals(List.of(151645, 151643), ModelConfigJson.withGenerationConfig(c, g).eosTokenIds());
        Files.writeString(g, "{\"temperature\":0.7}");
        assertEquals(c, ModelConfigJson.withGenerationConfig(c, g));
    }

    @Test
    void shippedTinyExamplesParse() throws IOException {
        Path root = Path.of("..", "examples", "models");
        ModelConfig q = ModelConfigJson.read(root.resolve("tiny-qwen2/config.json"));
        assertEquals(new ModelConfig("qwen2", 64, 176, 2, 4, 2, 16, 1e-6, 1e6, 300, true, true, 512, 256, List.of(257)), q);
        ModelConfig l = ModelConfigJson.read(root.resolve("tiny-llama/config.json"));
        assertEquals(new ModelConfig("llama", 64, 176, 2, 4, 2, 16, 1e-5, 1e4, 300, false, false, 512, 256, List.of(257)), l);
    }

    /** {@code base} with the fields of {@code patch} set. */
    static String with(String base, String patch) {
        try {
            ObjectNode b = (ObjectNode) JSON.readTree(base);
            b.setAll((ObjectNode) JSON.readTree(patch));
            return b.toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
