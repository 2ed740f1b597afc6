package dev.srl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.io.DataFormatException;
import dev.srl.core.model.ModelConfig;
import dev.srl.core.model.io.ModelConfigJson;
import dev.srl.core.model.io.ModelFolder;
import dev.srl.core.model.io.ModelWeights;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code srl init-model}: a randomly initialized model folder from a {@code config.json}. */
@Command(name = "init-model",
        mixinStandardHelpOptions = true,
        description = {
                "Writes a randomly initialized model folder (config.json, model.safetensors, tokenizer.json,",
                "generation_config.json) from a Hugging Face config.json of a llama or qwen2 model.",
                "Matrices are drawn from normal(0, 0.02), norms are ones, biases zeros (Hugging Face's init);",
                "the same seed gives the same weights on every machine."},
        footer = {"", "Example:",
                "  srl init-model --config examples/models/tiny-qwen2/config.json \\",
                "      --tokenizer tokenizer.json --seed 42 --out models/tiny-qwen2-random"})
final class InitModelCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Hugging Face config.json (model_type llama or qwen2).")
    Path config;

    @Option(names = "--tokenizer", paramLabel = "FILE", description = "tokenizer.json to copy into the folder (checked to be JSON).")
    Path tokenizer;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model folder to write.")
    Path out;

    @Option(names = "--force", description = "Replace --out if it is an existing model folder (one with a config.json).")
    boolean force;

    @Override
    public Integer call() throws IOException {
        ModelConfig c = ModelConfigJson.read(config);
        if (tokenizer != null) checkJson(tokenizer);
        if (!force && Files.isDirectory(out) && !isEmpty(out)) {
            throw new IllegalArgumentException(out + " exists and is not empty (use --force to replace it)");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) throw new IllegalArgumentException(out + " exists and is not a folder");
        ModelFolder.save(out, c, ModelWeights.random(c, seed, DataType.FLOAT), tokenizer);
        System.out.printf("wrote %s: %s, %d layers, hidden %d, vocab %d, %,d parameters (seed %d)%n",
                out, c.modelType(), c.numLayers(), c.hiddenSize(), c.vocabSize(), ModelWeights.parameterCount(c), seed);
        return 0;
    }

    private static void checkJson(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            JsonNode root = new ObjectMapper().readTree(in);
            if (root == null || !root.isObject()) throw new DataFormatException(file.toString(), 0, null, "expected a JSON object");
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file.toString(), 0, null, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
