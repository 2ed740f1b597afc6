package dev.srl.core.model.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.io.AtomicOutput;
import dev.srl.core.io.DataFormatException;
import dev.srl.core.model.ModelConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes Hugging Face {@code config.json} files of the Llama and Qwen2 families as {@link ModelConfig}.
 *
 * <p>Defaults follow the Hugging Face config classes: {@code num_key_value_heads} = heads,
 * {@code head_dim} = hidden / heads, {@code rms_norm_eps} 1e-6, {@code rope_theta} 10000,
 * {@code tie_word_embeddings} false, {@code max_position_embeddings} 2048 (llama) / 32768 (qwen2),
 * {@code bos_token_id}/{@code eos_token_id} 1/2 for llama and none for qwen2.
 *
 * <p>Attention bias: Hugging Face's Qwen2 always gives q/k/v a bias (and o_proj none), whatever the file says,
 * so {@code qwen2} means {@code attentionBias = true}. Llama's {@code attention_bias} puts a bias on q, k, v
 * <em>and</em> o_proj; the transformer here has no o_proj bias, so llama files with {@code attention_bias: true}
 * are refused rather than silently mis-loaded.
 *
 * <p>Refused, with an error naming the file and field: other model types, {@code rope_scaling} or
 * non-default {@code rope_parameters}, {@code use_sliding_window: true}, {@code hidden_act} other than silu,
 * {@code mlp_bias: true}, {@code quantization_config}, heads not a multiple of kv heads, odd head_dim,
 * missing or non-positive sizes, token ids outside the vocabulary.
 *
 * <pre>{@code
 * ModelConfig c = ModelConfigJson.read(Path.of("examples/models/tiny-qwen2/config.json"));
 * ModelConfigJson.write(c, Path.of("out/config.json"));
 * }</pre>
 */
public final class ModelConfigJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private ModelConfigJson() {}

    /** Reads a {@code config.json}. */
    public static ModelConfig read(Path configJson) throws IOException {
        return parse(Files.readString(configJson), configJson.toString());
    }

    /** Parses config JSON text; {@code source} names it in errors. */
    public static ModelConfig parse(String json, String source) {
        JsonNode root = tree(json, source);
        Fields f = new Fields(root, source);

        String type = f.requireText("model_type");
        if (!type.equals("llama") && !type.equals("qwen2")) {
            throw f.error("model_type", "'" + type + "' is not supported (supported: llama, qwen2)");
        }
        boolean llama = type.equals("llama");
        String act = f.optText("hidden_act", "silu");
        if (!act.equals("silu")) throw f.error("hidden_act", "'" + act + "' is not supported (only silu)");
        if (f.present("rope_scaling")) throw f.error("rope_scaling", "RoPE scaling is not supported; must be null or absent");
        if (f.present("quantization_config")) throw f.error("quantization_config", "quantized checkpoints are not supported");
        if (f.optBoolean("use_sliding_window", false)) throw f.error("use_sliding_window", "sliding-window attention is not supported");
        if (f.optBoolean("mlp_bias", false)) throw f.error("mlp_bias", "MLP biases are not supported");
        boolean attentionBias;
        if (llama) {
            if (f.optBoolean("attention_bias", false)) {
                throw f.error("attention_bias", "true is not supported for llama (it also adds an o_proj bias)");
            }
            attentionBias = false;
        } else {
            attentionBias = true;   // Qwen2 always has q/k/v biases in Hugging Face's implementation
        }

        int hidden = f.requirePositiveInt("hidden_size");
        int inter = f.requirePositiveInt("intermediate_size");
        int layers = f.requirePositiveInt("num_hidden_layers");
        int heads = f.requirePositiveInt("num_attention_heads");
        int vocab = f.requirePositiveInt("vocab_size");
        int kvHeads = f.present("num_key_value_heads") ? f.requirePositiveInt("num_key_value_heads") : heads;
        if (heads % kvHeads != 0) {
            throw f.error("num_key_value_heads", kvHeads + " does not divide num_attention_heads (" + heads + ")");
        }
        int headDim;
        if (f.present("head_dim")) {
            headDim = f.requirePositiveInt("head_dim");
        } else {
            if (hidden % heads != 0) throw f.error("head_dim", "absent, and hidden_size " + hidden + " is not a multiple of num_attention_heads " + heads);
            headDim = hidden / heads;
        }
        if (headDim % 2 != 0) throw f.error("head_dim", headDim + " is odd; rotary embeddings need an even head_dim");
        double eps = f.optPositiveDouble("rms_norm_eps", 1e-6);
        double theta = ropeTheta(f);
        boolean tied = f.optBoolean("tie_word_embeddings", false);
        int maxPos = f.present("max_position_embeddings") ? f.requirePositiveInt("max_position_embeddings") : llama ? 2048 : 32768;

        int bos = f.has("bos_token_id") ? f.optTokenId("bos_token_id", vocab) : llama ? 1 : -1;
        List<Integer> eos = f.has("eos_token_id") ? f.tokenIds("eos_token_id", vocab) : llama ? List.of(2) : List.of();
        return new ModelConfig(type, hidden, inter, layers, heads, kvHeads, headDim, eps, theta, vocab, tied,
                attentionBias, maxPos, bos, eos);
    }

    private static double ropeTheta(Fields f) {
        // transformers 5 moves rope_theta into rope_parameters; accept it there when it is plain RoPE.
        Double nested = null;
        if (f.present("rope_parameters")) {
            JsonNode p = f.root.get("rope_parameters");
            if (!p.isObject()) throw f.error("rope_parameters", "expected an object");
            JsonNode kind = p.has("rope_type") ? p.get("rope_type") : p.get("type");
            if (kind != null && !kind.isNull() && !"default".equals(kind.asText())) {
                throw f.error("rope_parameters.rope_type", "'" + kind.asText() + "' is not supported (only default)");
            }
            JsonNode t = p.get("rope_theta");
            if (t != null && !t.isNull()) {
                if (!t.isNumber() || t.doubleValue() <= 0) throw f.error("rope_parameters.rope_theta", "expected a positive number");
                nested = t.doubleValue();
            }
        }
        if (f.present("rope_theta")) return f.optPositiveDouble("rope_theta", 10000);
        return nested != null ? nested : 10000.0;
    }

    /**
     * Applies a {@code generation_config.json}: its {@code eos_token_id} (int or list) and {@code bos_token_id},
     * when present and not null, replace the config's, as Hugging Face generation does.
     */
    public static ModelConfig withGenerationConfig(ModelConfig c, Path generationConfigJson) throws IOException {
        String source = generationConfigJson.toString();
        Fields f = new Fields(tree(Files.readString(generationConfigJson), source), source);
        List<Integer> eos = f.present("eos_token_id") ? f.tokenIds("eos_token_id", c.vocabSize()) : c.eosTokenIds();
        int bos = f.present("bos_token_id") ? f.optTokenId("bos_token_id", c.vocabSize()) : c.bosTokenId();
        return new ModelConfig(c.modelType(), c.hiddenSize(), c.intermediateSize(), c.numLayers(), c.numHeads(),
                c.numKvHeads(), c.headDim(), c.rmsNormEps(), c.ropeTheta(), c.vocabSize(), c.tieWordEmbeddings(),
                c.attentionBias(), c.maxPositionEmbeddings(), bos, eos);
    }

    /** Writes {@code config.json} (atomically) with {@code torch_dtype} float32. */
    public static void write(ModelConfig c, Path file) throws IOException {
        write(c, file, "float32");
    }

    /** Writes {@code config.json} (atomically) with the given {@code torch_dtype} ("float32", "float64", "bfloat16"). */
    public static void write(ModelConfig c, Path file, String torchDtype) throws IOException {
        AtomicOutput.writeString(file, toJson(c, torchDtype));
    }

    /**
     * The Hugging Face form of a config: {@code architectures}, {@code model_type} and every field the
     * Llama/Qwen2 config classes read for this architecture, with values that reproduce it.
     */
    public static String toJson(ModelConfig c, String torchDtype) {
        boolean llama = c.modelType().equals("llama");
        ObjectNode o = JSON.createObjectNode();
        o.putArray("architectures").add(llama ? "LlamaForCausalLM" : "Qwen2ForCausalLM");
        o.put("model_type", c.modelType());
        o.put("hidden_size", c.hiddenSize());
        o.put("intermediate_size", c.intermediateSize());
        o.put("num_hidden_layers", c.numLayers());
        o.put("num_attention_heads", c.numHeads());
        o.put("num_key_value_heads", c.numKvHeads());
        o.put("head_dim", c.headDim());
        o.put("hidden_act", "silu");
        o.put("rms_norm_eps", c.rmsNormEps());
        o.put("rope_theta", c.ropeTheta());
        o.putNull("rope_scaling");
        o.put("vocab_size", c.vocabSize());
        o.put("tie_word_embeddings", c.tieWordEmbeddings());
        o.put("max_position_embeddings", c.maxPositionEmbeddings());
        if (c.bosTokenId() >= 0) o.put("bos_token_id", c.bosTokenId()); else o.putNull("bos_token_id");
        if (c.eosTokenIds().isEmpty()) o.putNull("eos_token_id");
        else if (c.eosTokenIds().size() == 1) o.put("eos_token_id", c.eosTokenIds().get(0));
        else { ArrayNode a = o.putArray("eos_token_id"); c.eosTokenIds().forEach(a::add); }
        if (llama) {
            o.put("attention_bias", false);
            o.put("mlp_bias", false);
        } else {
            o.put("use_sliding_window", false);
            o.put("sliding_window", c.maxPositionEmbeddings());
            o.put("max_window_layers", c.numLayers());
        }
        o.put("attention_dropout", 0.0);
        o.put("initializer_range", ModelWeights.INIT_STD);
        o.put("use_cache", true);
        o.put("torch_dtype", torchDtype);
        return pretty(o);
    }

    /** JSON laid out as Python's {@code json.dumps(indent=2)} does, ending with a newline. */
    static String pretty(JsonNode node) {
        var separators = Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        var indenter = new DefaultIndenter("  ", "\n");
        var printer = new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
        try {
            return JSON.writer(printer).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(String json, String source) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) throw new DataFormatException(source, 0, null, "expected a JSON object");
            return root;
        } catch (JsonProcessingException e) {
            throw new DataFormatException(source, 0, null, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Typed access to the top-level fields of a config, with errors naming file and field. */
    private record Fields(JsonNode root, String source) {
        DataFormatException error(String field, String problem) {
            return new DataFormatException(source, 0, field, problem);
        }

        boolean has(String name) { return root.has(name); }

        boolean present(String name) { return root.hasNonNull(name); }

        String requireText(String name) {
            JsonNode v = root.get(name);
            if (v == null || v.isNull()) throw error(name, "missing");
            if (!v.isTextual()) throw error(name, "expected a string");
            return v.textValue();
        }

        String optText(String name, String fallback) {
            return present(name) ? requireText(name) : fallback;
        }

        boolean optBoolean(String name, boolean fallback) {
            if (!present(name)) return fallback;
            JsonNode v = root.get(name);
            if (!v.isBoolean()) throw error(name, "expected true or false");
            return v.booleanValue();
        }

        int requirePositiveInt(String name) {
            JsonNode v = root.get(name);
            if (v == null || v.isNull()) throw error(name, "missing");
            if (!v.isIntegralNumber() || !v.canConvertToInt()) throw error(name, "expected an integer");
            if (v.intValue() <= 0) throw error(name, "must be positive, got " + v.intValue());
            return v.intValue();
        }

        double optPositiveDouble(String name, double fallback) {
            if (!present(name)) return fallback;
            JsonNode v = root.get(name);
            if (!v.isNumber()) throw error(name, "expected a number");
            if (!(v.doubleValue() > 0)) throw error(name, "must be positive, got " + v.doubleValue());
            return v.doubleValue();
        }

        int optTokenId(String name, int vocab) {
            JsonNode v = root.get(name);
            if (v == null || v.isNull()) return -1;
            return tokenId(name, v, vocab);
        }

        List<Integer> tokenIds(String name, int vocab) {
            JsonNode v = root.get(name);
            if (v == null || v.isNull()) return List.of();
            List<Integer> ids = new ArrayList<>();
            if (v.isArray()) {
                for (int i = 0; i < v.size(); i++) ids.add(tokenId(name + "[" + i + "]", v.get(i), vocab));
            } else {
                ids.add(tokenId(name, v, vocab));
            }
            return ids;
        }

        private int tokenId(String field, JsonNode v, int vocab) {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) throw error(field, "expected an integer token id");
            int id = v.intValue();
            if (id < 0 || id >= vocab) throw error(field, "token id " + id + " is outside the vocabulary [0, " + vocab + ")");
            return id;
        }
    }
}
