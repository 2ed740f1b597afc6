package dev.srl.core.train.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.srl.core.io.AtomicOutput;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Drives a {@link Trainable} inside a run directory:
 * <pre>
 *   runs/NAME/config.yaml          the resolved configuration, written first
 *   runs/NAME/metrics.jsonl        one JSON line per step (fields in docs/metrics.md)
 *   runs/NAME/samples.jsonl        prompts with rollouts and rewards every {@code samplesEvery} steps
 *   runs/NAME/checkpoints/step-N/  see {@link Checkpoints}
 *   runs/NAME/report.html          curves, see {@link ReportHtml}
 * </pre>
 * It prints a progress line with an ETA per step, checkpoints every {@code checkpointEvery} steps and at the end,
 * and installs a shutdown hook: Ctrl-C asks the loop to stop, the current step finishes, a checkpoint is
 * written and the JVM exits. {@link #resume} continues from the latest checkpoint; lines of
 * {@code metrics.jsonl}/{@code samples.jsonl} logged after that checkpoint are dropped, so the logs read as one
 * uninterrupted run. A {@link NonFiniteTrainingException} ends the run with no checkpoint.
 * <p>
 * With {@link #evaluateEvery} the run evaluates the model on held-out data every N steps (and at the last step),
 * logs the results in that step's {@code metrics.jsonl} line as {@code eval/<name>}, and checkpoints that step, so
 * {@link Pipeline#bestBy(String) Pipeline.bestBy("eval/step_similarity")} can select the best checkpoint.
 *
 * <pre>{@code
 * TrainingRun run = TrainingRun.create(Path.of("runs/srl-demo"), config, TrainingRun.Options.defaults(200));
 * run.train(trainer);                                      // or TrainingRun.resume(dir, options).train(trainer)
 * }</pre>
 */
public final class TrainingRun {

    /**
     * @param maxSteps        train until this many steps are done (counting steps before a resume)
     * @param checkpointEvery checkpoint every this many steps (0 = only at the end)
     * @param samplesEvery    log samples every this many steps (0 = never)
     * @param samplesPerLog   prompts (with all their rollouts) per sample log
     * @param shutdownHook    install the Ctrl-C hook
     * @param console         where the progress line goes (null = nowhere)
     * @param extraFiles      writes additional files into each checkpoint folder (model config, tokenizer), or null
     */
    public record Options(long maxSteps, int checkpointEvery, int samplesEvery, int samplesPerLog, boolean shutdownHook,
                          PrintStream console, Consumer<Path> extraFiles) {
        public Options {
            if (maxSteps < 0) throw new IllegalArgumentException("maxSteps must be >= 0, got " + maxSteps);
            if (checkpointEvery < 0 || samplesEvery < 0 || samplesPerLog < 0) throw new IllegalArgumentException("intervals must be >= 0");
        }

        /** Checkpoint every 50 steps, samples every 10 steps (2 prompts), Ctrl-C hook, progress on stdout. */
        public static Options defaults(long maxSteps) {
            return new Options(maxSteps, 50, 10, 2, true, System.out, null);
        }
    }

    /**
     * Evaluates the current model on held-out data; each returned value is logged as {@code eval/<name>}.
     * It must not change the model or consume the trainer's random numbers, or resumed runs would differ.
     */
    @FunctionalInterface
    public interface Evaluator {
        Map<String, Double> evaluate() throws IOException;
    }

    /** How a run ended. */
    public enum Outcome { FINISHED, STOPPED }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final Options options;
    private final boolean resuming;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private int evalEvery;
    private Evaluator evaluator;

    private TrainingRun(Path dir, Options options, boolean resuming) {
        this.dir = dir;
        this.options = options;
        this.resuming = resuming;
    }

    /** A new run; writes {@code config.yaml} at once. Fails if the folder already holds a run. */
    public static TrainingRun create(Path dir, Object resolvedConfig, Options options) throws IOException {
        if (Files.exists(dir.resolve("metrics.jsonl")) || Files.exists(dir.resolve("checkpoints"))) {
            throw new IllegalArgumentException(dir + " already holds a run; resume it or choose another name");
        }
        Files.createDirectories(dir);
        AtomicOutput.writeString(dir.resolve("config.yaml"), new YAMLMapper().writeValueAsString(resolvedConfig));
        return new TrainingRun(dir, options, false);
    }

    /** Continues the run in {@code dir} from its latest checkpoint. */
    public static TrainingRun resume(Path dir, Options options) throws IOException {
        if (Checkpoints.latest(dir).isEmpty()) throw new IllegalArgumentException(dir + " has no checkpoint to resume from");
        return new TrainingRun(dir, options, true);
    }

    public Path directory() { return dir; }

    /**
     * Evaluates every {@code steps} steps and at the last step; see the class comment.
     *
     * <pre>{@code
     * run.evaluateEvery(25, () -> Map.of("step_similarity", StepEvaluation.meanSimilarity(...)));
     * }</pre>
     */
    public TrainingRun evaluateEvery(int steps, Evaluator evaluator) {
        if (steps < 1) throw new IllegalArgumentException("evaluation interval must be >= 1, got " + steps);
        this.evalEvery = steps;
        this.evaluator = java.util.Objects.requireNonNull(evaluator, "evaluator");
        return this;
    }

    /** Asks the loop to stop after the current step (what Ctrl-C does). */
    public void requestStop() { stopRequested.set(true); }

    /** Trains until {@code maxSteps} or a stop request; checkpoints at the end either way. */
    public Outcome train(Trainable t) throws IOException {
        if (resuming) {
            Path ckpt = Checkpoints.latest(dir).orElseThrow();
            Checkpoints.load(ckpt, t);
            truncateLog(dir.resolve("metrics.jsonl"), t.completedSteps());
            truncateLog(dir.resolve("samples.jsonl"), t.completedSteps());
            say("resumed from " + ckpt + " at step " + t.completedSteps());
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = null;
        if (options.shutdownHook()) {
            hook = new Thread(() -> {
                stopRequested.set(true);
                System.err.println("srl: stop requested; finishing the current step and writing a checkpoint...");
                try {
                    done.await(10, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "srl-training-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        long startStep = t.completedSteps();
        long lastCheckpoint = resuming ? startStep : -1;
        long t0 = System.nanoTime();
        try (BufferedWriter metrics = append(dir.resolve("metrics.jsonl"));
             BufferedWriter samples = append(dir.resolve("samples.jsonl"))) {
            while (t.completedSteps() < options.maxSteps() && !stopRequested.get()) {
                long next = t.completedSteps() + 1;
                if (options.samplesEvery() > 0 && next % options.samplesEvery() == 0) t.requestSamples(options.samplesPerLog());
                StepReport r;
                try {
                    r = t.trainStep();
                } catch (NonFiniteTrainingException e) {
                    say("stopped: " + e.getMessage());
                    ReportHtml.write(dir);
                    throw e;
                }
                boolean evaluated = evaluator != null
                        && (r.step() % evalEvery == 0 || r.step() == options.maxSteps());
                Map<String, Object> logged = r.metrics();
                if (evaluated) {
                    logged = new java.util.LinkedHashMap<>(logged);
                    for (Map.Entry<String, Double> e : evaluator.evaluate().entrySet()) {
                        logged.put("eval/" + e.getKey(), e.getValue());
                    }
                    r = new StepReport(r.step(), logged, r.samples(), r.updated());
                }
                metrics.write(JSON.writeValueAsString(logged));
                metrics.newLine();
                metrics.flush();
                for (Map<String, Object> s : r.samples()) {
                    samples.write(JSON.writeValueAsString(s));
                    samples.newLine();
                }
                samples.flush();
                progress(r, startStep, t0);
                if (evaluated || options.checkpointEvery() > 0 && r.step() % options.checkpointEvery() == 0) {
                    Checkpoints.save(dir, t, options.extraFiles());
                    lastCheckpoint = r.step();
                }
            }
            if (lastCheckpoint != t.completedSteps()) Checkpoints.save(dir, t, options.extraFiles());
            ReportHtml.write(dir);
            // Said before `done` is released: after a Ctrl-C the JVM halts as soon as the hook returns.
            if (t.completedSteps() < options.maxSteps()) say("stopped at step " + t.completedSteps() + "; resume with --resume " + dir);
        } finally {
            done.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting because of Ctrl-C; the hook is waiting for `done`
                }
            }
        }
        return t.completedSteps() < options.maxSteps() ? Outcome.STOPPED : Outcome.FINISHED;
    }

    private void progress(StepReport r, long startStep, long t0) {
        if (options.console() == null) return;
        Map<String, Object> m = r.metrics();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long done = r.step() - startStep;
        double perStep = elapsed / Math.max(done, 1);
        long eta = Math.round(perStep * (options.maxSteps() - r.step()));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "step %d/%d", r.step(), options.maxSteps()));
        for (String k : List.of("reward_mean", "groups_kept", "loss", "val_loss", "grad_norm", "entropy", "lr")) {
            Object v = m.get(k);
            if (v instanceof Number n) sb.append(String.format(Locale.ROOT, "  %s %.4g", k, n.doubleValue()));
        }
        m.forEach((k, v) -> {
            if (k.startsWith("eval/") && v instanceof Number n) sb.append(String.format(Locale.ROOT, "  %s %.4g", k, n.doubleValue()));
        });
        if (!r.updated()) sb.append("  (skipped)");
        sb.append(String.format(Locale.ROOT, "  %.2fs/step  ETA %dm%02ds", perStep, eta / 60, eta % 60));
        options.console().println(sb);
    }

    private void say(String s) {
        if (options.console() != null) options.console().println(s);
    }

    private static BufferedWriter append(Path p) throws IOException {
        return Files.newBufferedWriter(p, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Keeps only the lines whose {@code step} is at most {@code maxStep}. */
    private static void truncateLog(Path p, long maxStep) throws IOException {
        if (!Files.exists(p)) return;
        List<String> keep = new ArrayList<>();
        for (String line : Files.readAllLines(p)) {
            if (line.isBlank()) continue;
            var node = JSON.readTree(line);
            if (!node.has("step") || node.get("step").asLong() <= maxStep) keep.add(line);
        }
        AtomicOutput.writeString(p, keep.isEmpty() ? "" : String.join("\n", keep) + "\n");
    }
}
