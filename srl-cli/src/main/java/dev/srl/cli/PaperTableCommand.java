package dev.srl.cli;

import dev.srl.math.experiment.ExperimentConfig;
import dev.srl.math.experiment.PaperTable;
import dev.srl.math.experiment.PaperTableExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code srl experiment paper-table}: the paper's comparison (SFT, RLVR, SRL, SRL → RLVR, ablations) at small scale. */
@Command(name = "paper-table",
        mixinStandardHelpOptions = true,
        description = {
                "Trains one tiny character model as the base (an SFT warm-up on easy synthetic problems), then starts six "
                        + "methods from it with the same number of optimizer steps and rollouts per step: SFT on the hard "
                        + "split's expert solutions, RLVR (outcome reward), SRL (step-similarity reward), SRL -> RLVR (half "
                        + "each), and the ablations one-step similarity and SRL without dynamic sampling.",
                "Scores the base and every method on held-out problems: greedy accuracy per difficulty level, avg@k, "
                        + "and greedy step similarity. Progress goes to standard error, the table to standard output; the "
                        + "run directory gets table.md, results.json, rewards.svg, accuracy.svg and one run folder per method.",
                "Scales: tiny (seconds, for tests), small (about 8 minutes on 2 shared cores; docs/paper-table.md), "
                        + "full (twice the updates, about twice as long). A run directory that already holds base/model reuses it."},
        sortOptions = false,
        footer = {"", "Examples:",
                "  srl experiment paper-table --scale small --seed 7",
                "  srl experiment paper-table --scale tiny --out /tmp/pt"})
final class PaperTableCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scale", defaultValue = "small", description = "tiny, small or full (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--seed", defaultValue = "" + ExperimentConfig.DEFAULT_SEED,
            description = "Seed of the curricula, weights, data order and sampling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/paper-table-<seed>).")
    Path out;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig c = ExperimentConfig.forScale(scale, seed);
        Path dir = out != null ? out : Path.of("runs", "paper-table-" + seed);
        PaperTable t = PaperTableExperiment.run(c, dir, System.err);
        PrintWriter o = spec.commandLine().getOut();
        o.println();
        o.print(t.markdown());
        o.println();
        o.print(t.budgetMarkdown());
        o.printf(Locale.ROOT, "%nwall time %.1f s; run directory %s (table.md, results.json, rewards.svg, accuracy.svg)%n",
                t.wallSeconds(), dir);
        o.flush();
        return 0;
    }
}
