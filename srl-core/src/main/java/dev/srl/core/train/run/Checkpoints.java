package dev.srl.core.train.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.srl.core.io.AtomicOutput;
import dev.srl.core.model.io.SafetensorsReader;
import dev.srl.core.model.io.SafetensorsWriter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Checkpoint folders {@code checkpoints/step-N/} of a run directory:
 * <pre>
 *   model.safetensors       the policy's parameters, by name (F32, or F64 for a double-precision model), HF names
 *                           for the transformer, so with config.json and tokenizer.json the folder is a model folder
 *   optimizer.safetensors   AdamW moments and step count ({@link dev.srl.core.train.optim.AdamW#state()})
 *   trainer-state.json      {"step": N, "trainer": {step, rng, cursor_epoch, cursor_index, ...}}
 *   (extra files)           e.g. config.json and tokenizer.json, written by a caller-supplied hook
 * </pre>
 * A checkpoint is written into a hidden temporary folder and renamed into place, so a crash leaves either a
 * complete checkpoint or none.
 *
 * <pre>{@code
 * Path dir = Checkpoints.save(runDir, trainer, d -> {});
 * Checkpoints.load(Checkpoints.latest(runDir).orElseThrow(), trainer);
 * }</pre>
 */
public final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Checkpoints() {
    }

    /** Writes {@code checkpoints/step-N} for the trainer's current step and returns it. */
    public static Path save(Path runDir, Trainable t, Consumer<Path> extraFiles) throws IOException {
        long step = t.completedSteps();
        Path root = runDir.resolve("checkpoints");
        Files.createDirectories(root);
        Path target = root.resolve("step-" + step);
        // Not Files.createTempDirectory: its owner-only permissions would stay on the published checkpoint.
        Path tmp = Files.createDirectory(root.resolve(".tmp-step-" + step + "-" + System.nanoTime()));
        try {
            SafetensorsWriter.write(tmp.resolve("model.safetensors"), t.policy().parameters(), Map.of("format", "pt"));
            SafetensorsWriter.write(tmp.resolve("optimizer.safetensors"), t.optimizer().state(), Map.of());
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("step", step);
            state.put("trainer", t.state());
            Files.writeString(tmp.resolve("trainer-state.json"), JSON.writeValueAsString(state));
            if (extraFiles != null) extraFiles.accept(tmp);
            if (Files.exists(target)) deleteTree(target);
            AtomicOutput.moveIntoPlace(tmp, target);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        return target;
    }

    /** The checkpoint with the highest step, if any. */
    public static Optional<Path> latest(Path runDir) throws IOException {
        Path root = runDir.resolve("checkpoints");
        if (!Files.isDirectory(root)) return Optional.empty();
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d+") && Files.exists(p.resolve("trainer-state.json")))
                    .max(Comparator.comparingLong(Checkpoints::stepOf));
        }
    }

    /** The N of {@code step-N}. */
    public static long stepOf(Path checkpoint) {
        return Long.parseLong(checkpoint.getFileName().toString().substring("step-".length()));
    }

    /** Restores weights, optimizer and trainer state from a checkpoint folder. */
    public static void load(Path checkpoint, Trainable t) throws IOException {
        loadWeights(checkpoint, t.policy());
        t.optimizer().loadState(readAll(checkpoint.resolve("optimizer.safetensors"), DataType.DOUBLE));
        Map<String, Object> state = JSON.readValue(checkpoint.resolve("trainer-state.json").toFile(), new TypeReference<>() { });
        @SuppressWarnings("unchecked") Map<String, Object> trainer = (Map<String, Object>) state.get("trainer");
        if (trainer == null) throw new IOException(checkpoint.resolve("trainer-state.json") + ": no 'trainer' object");
        t.restore(trainer);
    }

    /** Copies a checkpoint's weights into the policy's parameters (names and shapes must match). */
    public static void loadWeights(Path checkpoint, dev.srl.core.model.PolicyModel policy) throws IOException {
        Map<String, INDArray> params = policy.parameters();
        DataType type = params.isEmpty() ? DataType.FLOAT : params.values().iterator().next().dataType();
        Map<String, INDArray> weights = readAll(checkpoint.resolve("model.safetensors"), type);
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            INDArray w = weights.get(e.getKey());
            if (w == null) throw new IOException(checkpoint.resolve("model.safetensors") + ": no tensor '" + e.getKey() + "'");
            if (!java.util.Arrays.equals(w.shape(), e.getValue().shape())) {
                throw new IOException(checkpoint.resolve("model.safetensors") + ": tensor '" + e.getKey() + "' has shape "
                        + java.util.Arrays.toString(w.shape()) + ", the model has " + java.util.Arrays.toString(e.getValue().shape()));
            }
            e.getValue().assign(w);
        }
    }

    private static Map<String, INDArray> readAll(Path file, DataType type) throws IOException {
        Map<String, INDArray> out = new LinkedHashMap<>();
        try (SafetensorsReader r = SafetensorsReader.open(file)) {
            for (String name : r.names()) out.put(name, r.read(name, type));
        }
        return out;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
        }
    }
}
