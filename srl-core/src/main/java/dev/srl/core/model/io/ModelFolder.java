package dev.srl.core.model.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.model.ModelConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Hugging Face style model folder: {@code config.json}, {@code model.safetensors} (or shards with
 * {@code model.safetensors.index.json}), {@code tokenizer.json}, and optionally {@code generation_config.json},
 * whose end-of-sequence ids replace the config's when present.
 *
 * <p>Saving writes everything into a temporary sibling folder and renames it into place, so a crash leaves
 * either the old folder or the new one, never a mixture. Saved folders follow the layout {@code transformers}
 * reads (architectures, torch_dtype, {@code format: pt} metadata); loading them there has not been tried here,
 * as {@code transformers} is not installable on the build machines.
 *
 * <pre>{@code
 * ModelFolder m = ModelFolder.load(Path.of("models/tiny"));              // FLOAT weights
 * INDArray emb = m.weights().get(WeightNames.EMBED_TOKENS);
 * ModelFolder.save(Path.of("runs/a/checkpoints/step-10"), m.config(), m.weights(), m.tokenizerJson());
 * }</pre>
 *
 * @param dir           the folder
 * @param config        the architecture (eos ids from {@code generation_config.json} if it has them)
 * @param weights       tensors by Hugging Face name, exactly {@link ModelWeights#expectedShapes}
 * @param tokenizerJson the folder's {@code tokenizer.json}, or {@code null} if it has none
 */
public record ModelFolder(Path dir, ModelConfig config, Map<String, INDArray> weights, Path tokenizerJson) {
    public static final String CONFIG = "config.json";
    public static final String GENERATION_CONFIG = "generation_config.json";
    public static final String TOKENIZER = "tokenizer.json";

    /** Loads a folder with FLOAT weights (BF16/F16/F32 on disk are widened). */
    public static ModelFolder load(Path dir) throws IOException {
        return load(dir, DataType.FLOAT);
    }

    /** Loads a folder with weights of {@code type}: FLOAT, or DOUBLE for gradient checks. */
    public static ModelFolder load(Path dir, DataType type) throws IOException {
        ModelConfig config = ModelConfigJson.read(dir.resolve(CONFIG));
        Path gen = dir.resolve(GENERATION_CONFIG);
        if (Files.isRegularFile(gen)) config = ModelConfigJson.withGenerationConfig(config, gen);
        Map<String, INDArray> weights;
        try (TensorSource src = TensorSource.open(dir)) {
            weights = ModelWeights.load(config, src, type);
        }
        Path tok = dir.resolve(TOKENIZER);
        return new ModelFolder(dir, config, weights, Files.isRegularFile(tok) ? tok : null);
    }

    /**
     * Writes a model folder: {@code config.json}, {@code model.safetensors} (F32, or F64 for DOUBLE weights),
     * {@code generation_config.json} when the config has eos ids, and a copy of {@code tokenizerJsonToCopy}
     * unless it is null. An existing model folder (one with a {@code config.json}) or empty folder at {@code dir}
     * is replaced as a whole; anything else there is refused.
     *
     * @throws IllegalArgumentException if the weights do not match the config (naming the tensor), or {@code dir}
     *                                  holds something other than a model folder
     */
    public static void save(Path dir, ModelConfig config, Map<String, INDArray> weights, Path tokenizerJsonToCopy)
            throws IOException {
        ModelWeights.validate(config, weights, "weights to save");
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !replaceable(target)) {
            throw new IllegalArgumentException(dir + " exists and is not a model folder (no " + CONFIG + "); refusing to replace it");
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        // Not Files.createTempDirectory: its owner-only permissions would stick to the published folder.
        Path temp = Files.createDirectory(SafetensorsWriter.siblingName(target, "tmp"));
        try {
            boolean doubles = weights.values().stream().anyMatch(a -> a.dataType() == DataType.DOUBLE);
            Files.writeString(temp.resolve(CONFIG), ModelConfigJson.toJson(config, doubles ? "float64" : "float32"));
            // transformers refuses safetensors files without format=pt in their metadata.
            SafetensorsWriter.write(temp.resolve(SafetensorsIndex.SINGLE_FILE), weights, Map.of("format", "pt"));
            if (!config.eosTokenIds().isEmpty()) Files.writeString(temp.resolve(GENERATION_CONFIG), generationJson(config));
            if (tokenizerJsonToCopy != null) Files.copy(tokenizerJsonToCopy, temp.resolve(TOKENIZER));
            replace(temp, target);
        } finally {
            deleteTree(temp);
        }
    }

    /** Only an empty folder or an earlier model folder may be replaced: never, say, a home directory by mistake. */
    private static boolean replaceable(Path target) throws IOException {
        if (!Files.isDirectory(target)) return false;
        if (Files.isRegularFile(target.resolve(CONFIG))) return true;
        try (Stream<Path> s = Files.list(target)) {
            return s.findAny().isEmpty();
        }
    }

    private static String generationJson(ModelConfig c) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        if (c.bosTokenId() >= 0) o.put("bos_token_id", c.bosTokenId());
        if (c.eosTokenIds().size() == 1) o.put("eos_token_id", c.eosTokenIds().get(0));
        else { ArrayNode a = o.putArray("eos_token_id"); c.eosTokenIds().forEach(a::add); }
        return ModelConfigJson.pretty(o);
    }

    /** Renames {@code fresh} onto {@code target}; an existing target is moved aside first and restored on failure. */
    private static void replace(Path fresh, Path target) throws IOException {
        if (!Files.exists(target)) {
            move(fresh, target);
            return;
        }
        Path old = SafetensorsWriter.siblingName(target, "old");
        move(target, old);
        try {
            move(fresh, target);
        } catch (IOException e) {
            move(old, target);
            throw e;
        }
        deleteTree(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
