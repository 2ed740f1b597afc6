package dev.srl.cli;

import dev.srl.math.quickstart.MathQuickstart;
import dev.srl.math.quickstart.QuickstartConfig;
import dev.srl.math.quickstart.QuickstartResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code srl quickstart}: SFT warm-up, SRL and before/after evaluation of a tiny model on a synthetic curriculum. */
@Command(name = "quickstart",
        mixinStandardHelpOptions = true,
        description = {
                "Trains a tiny character-level model end to end on this machine in a few minutes: makes a synthetic "
                        + "math curriculum, warms the model up with SFT on easy problems (to learn the "
                        + "<think>...</think>step format), evaluates it on held-out problems, trains it with SRL (GRPO "
                        + "with dynamic sampling, rewarded by the similarity of each step to the expert's), and "
                        + "evaluates it again.",
                "Progress goes to standard error; the before/after table to standard output. The run directory holds "
                        + "the curriculum, both stages' metrics.jsonl, samples, checkpoints and report.html, the final "
                        + "model folder (for 'srl eval'), results.json and a top-level report.html."},
        sortOptions = false,
        footer = {
                "",
                "Examples:",
                "  srl quickstart",
                "  srl quickstart --out runs/qs --seed 2 --srl-steps 60",
                "  srl eval --task math --model runs/qs/model --benchmark runs/qs/curriculum/hard/test.problems.jsonl"})
final class QuickstartCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/quickstart-<timestamp>).")
    Path out;

    @Option(names = "--seed", description = "Seed of the curriculum, weights, data order and sampling (default: 1).")
    Long seed;

    @Option(names = "--sft-steps", paramLabel = "N", description = "SFT warm-up updates (default: 200).")
    Integer sftSteps;

    @Option(names = "--srl-steps", paramLabel = "N", description = "SRL (GRPO) updates (default: 40).")
    Integer srlSteps;

    @Option(names = "--base", paramLabel = "DIR",
            description = "Start from this character model folder (e.g. an earlier run's sft/checkpoints/step-N) instead of "
                    + "a random model and the SFT warm-up.")
    Path base;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "Any other setting of QuickstartConfig, e.g. --set srlLr=3e-4 --set hard.maxSteps=4 (repeatable).")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--toy", description = "A seconds-long run at toy size (for smoke tests; the numbers mean nothing).")
    boolean toy;

    @Override
    public Integer call() throws Exception {
        QuickstartConfig c = toy ? QuickstartConfig.toy() : QuickstartConfig.defaults();
        c = c.withSteps(sftSteps != null ? sftSteps : c.sftSteps(), srlSteps != null ? srlSteps : c.srlSteps());
        if (seed != null) c = c.withSeed(seed);
        if (!settings.isEmpty()) c = c.with(settings);
        Path dir = out != null ? out
                : Path.of("runs", "quickstart-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        QuickstartResult r = MathQuickstart.run(c, base, dir, System.err);
        PrintWriter o = spec.commandLine().getOut();
        o.println();
        o.print(r.table());
        o.println();
        o.printf(Locale.ROOT, "wall time %.1f s, peak resident memory %.0f MiB; run directory %s%n",
                r.wallSeconds(), r.peakMiB(), r.runDir());
        o.printf("open %s for the curves; 'srl eval --task math --model %s --benchmark FILE' scores the model again%n",
                r.runDir().resolve("report.html"), r.runDir().resolve("model"));
        o.flush();
        return 0;
    }
}
