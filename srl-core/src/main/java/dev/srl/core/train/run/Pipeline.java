package dev.srl.core.train.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.srl.core.io.AtomicOutput;
import dev.srl.core.model.PolicyModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Training stages run one after another on the same model, each in its own run directory
 * {@code ROOT/NAME/}; a stage starts from the checkpoint its predecessor selected (weights only: the optimizer
 * and schedule start fresh). This is the paper's SRL → RLVR: an SRL stage on step-wise instances, then an RLVR
 * stage on whole problems from the best SRL checkpoint. Running the pipeline again resumes an unfinished stage
 * and skips finished ones; {@code ROOT/pipeline.json} records which checkpoint each stage selected.
 *
 * <pre>{@code
 * Pipeline.Stage srl = new Pipeline.Stage("srl", srlConfig, TrainingRun.Options.defaults(500),
 *         p -> new GrpoTrainer(p, null, tok::decode, stepRewards, stepPrompts, srlConfig.grpo()),
 *         Pipeline.bestBy("reward_mean"));
 * Pipeline.Stage rlvr = new Pipeline.Stage("rlvr", rlvrConfig, TrainingRun.Options.defaults(200),
 *         p -> new GrpoTrainer(p, null, tok::decode, outcomeRewards, problems, rlvrConfig.grpo()), Pipeline.latest());
 * new Pipeline(List.of(srl, rlvr)).run(Path.of("runs/srl-then-rlvr"), policy);
 * }</pre>
 */
public final class Pipeline {

    /** Picks a finished stage's checkpoint for the next stage. */
    public interface CheckpointSelector {
        Path select(Path stageDir) throws IOException;
    }

    /**
     * @param name     the stage's folder name
     * @param config   its resolved configuration (written to {@code config.yaml})
     * @param options  steps, checkpoint interval, console
     * @param trainer  builds the stage's trainer around the (already initialised) policy
     * @param selector which checkpoint the next stage starts from
     */
    public record Stage(String name, Object config, TrainingRun.Options options,
                        Function<PolicyModel, Trainable> trainer, CheckpointSelector selector) {
        public Stage {
            if (!name.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException("stage name '" + name + "' must be a plain folder name");
        }
    }

    private final List<Stage> stages;

    public Pipeline(List<Stage> stages) {
        if (stages.isEmpty()) throw new IllegalArgumentException("a pipeline needs at least one stage");
        this.stages = List.copyOf(stages);
    }

    /** The latest checkpoint. */
    public static CheckpointSelector latest() {
        return dir -> Checkpoints.latest(dir).orElseThrow(() -> new IOException(dir + " has no checkpoint"));
    }

    /** Among the checkpoints, the one whose step logged the highest {@code metric} in {@code metrics.jsonl}. */
    public static CheckpointSelector bestBy(String metric) {
        return dir -> {
            Map<Long, Double> values = new HashMap<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(dir.resolve("metrics.jsonl"))) {
                if (line.isBlank()) continue;
                JsonNode n = json.readTree(line);
                if (n.has(metric) && n.get(metric).isNumber()) values.put(n.get("step").asLong(), n.get(metric).asDouble());
            }
            Path best = null;
            double bestValue = Double.NEGATIVE_INFINITY;
            try (var s = Files.list(dir.resolve("checkpoints"))) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (!p.getFileName().toString().matches("step-\\d+")) continue;
                    Double v = values.get(Checkpoints.stepOf(p));
                    if (v != null && v > bestValue) { bestValue = v; best = p; }
                }
            }
            if (best == null) throw new IOException(dir + ": no checkpoint step logged '" + metric + "'");
            return best;
        };
    }

    /** Runs (or resumes) every stage; returns the selected checkpoint of the last one. */
    public Path run(Path root, PolicyModel policy) throws IOException {
        Files.createDirectories(root);
        Map<String, Object> record = new LinkedHashMap<>();
        Path previous = null;
        for (Stage stage : stages) {
            Path dir = root.resolve(stage.name());
            Trainable t;
            var done = Checkpoints.latest(dir);
            boolean finished = done.isPresent() && Checkpoints.stepOf(done.get()) >= stage.options().maxSteps();
            if (!finished) {
                if (done.isPresent()) {
                    t = stage.trainer().apply(policy);
                    if (TrainingRun.resume(dir, stage.options()).train(t) == TrainingRun.Outcome.STOPPED) return null;
                } else {
                    if (previous != null) Checkpoints.loadWeights(previous, policy);
                    t = stage.trainer().apply(policy);
                    if (TrainingRun.create(dir, stage.config(), stage.options()).train(t) == TrainingRun.Outcome.STOPPED) return null;
                }
            }
            previous = stage.selector().select(dir);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("dir", dir.toString());
            s.put("selected", previous.toString());
            record.put(stage.name(), s);
            AtomicOutput.writeString(root.resolve("pipeline.json"),
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(record));
        }
        return previous;
    }
}
