package dev.srl.cli;

import dev.srl.core.data.StepwiseBuilder;
import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.data.StepwiseInstanceWriter;
import dev.srl.core.data.StepwiseOptions;
import dev.srl.core.data.TrajectoryFormat;
import dev.srl.core.prompt.PromptRenderer;
import dev.srl.core.prompt.PromptTemplate;
import dev.srl.core.prompt.StepFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code srl build-steps}: expert trajectories to SRL step-wise instances (JSONL), streaming. */
@Command(name = "build-steps",
        mixinStandardHelpOptions = true,
        description = {
                "Cuts expert trajectories into SRL step-wise instances: instance k shows the task and expert steps "
                        + "before k; its target is the expert's step k. Writes one JSON object per line "
                        + "(id, trajectory_id, step_index, task, context, hint, target) and prints a summary on stderr.",
                "The output appears only when the whole input was read without error."},
        sortOptions = false,
        footer = {
                "",
                "Examples:",
                "  srl build-steps --input examples/data/trajectories.jsonl \\",
                "      --output /tmp/steps.jsonl",
                "  srl build-steps --input trajs.jsonl --output steps.jsonl \\",
                "      --title-hint --targets all --render",
                "  srl build-steps --input swe.jsonl --output steps.jsonl \\",
                "      --context last-k --k 2 --with-thoughts --render --template agent",
                "  srl build-steps --format s1k --input s1k-1.1.jsonl --output steps.jsonl \\",
                "      --graded-only --title-hint",
                "  srl build-steps --format swe-smith --input swe-smith-xml.jsonl \\",
                "      --output steps.jsonl --context last-k --targets all --render --template swe",
                "  (SWE formats: swe-smith, sweagent-traj (a .traj file or a folder), openhands, nebius)",
                "",
                "Context: 'full' is the paper's math setting (task + every earlier step),",
                "'last-k' its SWE setting (task + the last K action/observation pairs; K = 2).",
                "Targets: 'skip-first' = steps 2..N (N-1 instances, the paper's count);",
                "'all' = steps 1..N; 'skip-last' = steps 1..N-1 (the paper's Sec. 4.2 read",
                "literally: the last step is never a target)."})
final class BuildStepsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Trajectories to read.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Step-wise instances to write (JSONL).")
    Path output;

    @Option(names = "--format", defaultValue = "srl", paramLabel = "NAME",
            description = "Input format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = FormatNames.class)
    String format;

    @Option(names = "--context", defaultValue = "full", paramLabel = "full|last-k",
            description = "Which earlier expert steps each instance shows (default: ${DEFAULT-VALUE}).")
    String context;

    @Option(names = "--k", paramLabel = "K", description = "Steps kept by --context last-k (default: 2).")
    Integer k;

    @Option(names = "--with-thoughts", description = "Keep the expert's thoughts in the context steps.")
    boolean withThoughts;

    @Option(names = "--title-hint", description = "Put the target step's title in the instance (\"hint\"; the paper's footnote 1).")
    boolean titleHint;

    @Option(names = "--targets", defaultValue = "skip-first", paramLabel = "skip-first|all|skip-last",
            description = "Which steps become targets (default: ${DEFAULT-VALUE}).")
    String targets;

    @Option(names = "--skip-invalid", description = "Skip and count invalid records instead of stopping at the first.")
    boolean skipInvalid;

    @Option(names = "--render", description = "Also write each instance's prompt: \"prompt\" (plain text) and \"messages\" (chat messages).")
    boolean render;

    @Option(names = "--template", paramLabel = "math|agent|swe|FILE",
            description = "Prompt template for --render: 'math' (the paper's SRL prompt; default), 'agent' "
                    + "(tool calls, action/observation blocks), 'swe' (issue + recent canonical tool calls with their "
                    + "OBSERVATION blocks; one tool call expected), or a YAML/JSON file with system, user, hint, no_steps.")
    String template;

    @Mixin
    S1kOptions s1kOptions;

    @Override
    public Integer call() throws IOException {
        StepwiseOptions options = options();
        PromptRenderer renderer = renderer();
        TrajectoryFormat trajectoryFormat = s1kOptions.apply(TrajectoryFormats.byName(format));
        if (!Files.isRegularFile(input) && !(Files.isDirectory(input) && format.equals("sweagent-traj"))) {
            throw new IllegalArgumentException("input file not found: " + input);
        }
        if (Files.isDirectory(output)) throw new IllegalArgumentException("--output is a folder, not a file: " + output);
        if (Files.exists(output) && Files.isSameFile(input, output)) {
            throw new IllegalArgumentException("--output must not be the input file " + input);
        }

        StepwiseBuilder builder = new StepwiseBuilder(options);
        long[] withoutInstances = {0};
        TrajectoryFormat.ReadStats stats;
        long written;
        try (StepwiseInstanceWriter out = StepwiseInstanceWriter.create(output)) {
            stats = trajectoryFormat.read(input, skipInvalid, t -> {
                var instances = builder.build(t);
                if (instances.isEmpty()) withoutInstances[0]++;
                try {
                    for (StepwiseInstance i : instances) {
                        if (renderer == null) out.write(i);
                        else out.write(i, renderer.render(i).toJson());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(output + ": " + e.getMessage(), e);
                }
            });
            if (stats.read() == 0) {
                throw new IllegalArgumentException("no trajectories in " + input + describeDropped(stats));
            }
            if (out.count() == 0) {
                throw new IllegalArgumentException("no instances from the " + stats.read() + " trajectories in " + input
                        + ": each has too few steps for --targets " + targets);
            }
            written = out.count();
            out.commit();
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf("build-steps: %d trajectories read from %s, %d instances written to %s "
                        + "(skipped %d invalid, excluded %d, %d trajectories too short for --targets %s)%n",
                stats.read(), input, written, output, stats.skipped(), stats.excluded(), withoutInstances[0], targets);
        err.flush();
        return 0;
    }

    private static String describeDropped(TrajectoryFormat.ReadStats stats) {
        if (stats.skipped() == 0 && stats.excluded() == 0) return "";
        return " (" + stats.skipped() + " invalid skipped, " + stats.excluded() + " excluded)";
    }

    private StepwiseOptions options() {
        StepwiseOptions o = StepwiseOptions.math().withThoughts(withThoughts).withTitleHint(titleHint);
        o = switch (targets) {
            case "skip-first" -> o.withTargets(StepwiseOptions.Targets.SKIP_FIRST);
            case "all" -> o.withTargets(StepwiseOptions.Targets.ALL);
            case "skip-last" -> o.withTargets(StepwiseOptions.Targets.SKIP_LAST);
            default -> throw new IllegalArgumentException("--targets must be skip-first, all or skip-last, got '" + targets + "'");
        };
        return switch (context) {
            case "full" -> {
                if (k != null) throw new IllegalArgumentException("--k applies only to --context last-k");
                yield o;
            }
            case "last-k" -> {
                int kk = k == null ? 2 : k;
                if (kk < 1) throw new IllegalArgumentException("--k must be at least 1, got " + kk);
                yield o.withLastK(kk);
            }
            default -> throw new IllegalArgumentException("--context must be full or last-k, got '" + context + "'");
        };
    }

    private PromptRenderer renderer() throws IOException {
        if (!render) {
            if (template != null) throw new IllegalArgumentException("--template applies only with --render");
            return null;
        }
        if (template == null || template.equals("math")) return PromptRenderer.mathSteps();
        if (template.equals("agent")) return PromptRenderer.agentSteps();
        if (template.equals("swe")) return dev.srl.swe.stepwise.SwePrompts.renderer();
        Path file = Path.of(template);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--template must be math, agent or an existing file, got '" + template + "'");
        }
        return new PromptRenderer(PromptTemplate.load(file), StepFormat.TEXT);
    }

    /** Lets picocli list the format names in --help. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return TrajectoryFormats.names().iterator();
        }
    }
}
