package dev.srl.examples;

import dev.srl.math.experiment.ExperimentConfig;
import dev.srl.math.experiment.PaperTable;
import dev.srl.math.experiment.PaperTableExperiment;

import java.nio.file.Path;

/**
 * The paper's comparison at small scale from Java: the same run as {@code srl experiment paper-table}.
 *
 * <pre>{@code
 * java -cp ... dev.srl.examples.PaperTableExample small 7 runs/paper-table-7
 * }</pre>
 * Arguments (all optional): the scale ({@code tiny}, {@code small}, {@code full}), the seed, the run directory.
 */
public final class PaperTableExample {
    private PaperTableExample() {
    }

    public static void main(String[] args) throws Exception {
        String scale = args.length > 0 ? args[0] : "tiny";
        long seed = args.length > 1 ? Long.parseLong(args[1]) : ExperimentConfig.DEFAULT_SEED;
        Path dir = Path.of(args.length > 2 ? args[2] : "runs/paper-table-" + scale + "-" + seed);
        PaperTable table = PaperTableExperiment.run(ExperimentConfig.forScale(scale, seed), dir, System.err);
        System.out.print(table.markdown());
        System.out.print(table.budgetMarkdown());
        System.out.println("plots: " + dir.resolve("rewards.svg") + ", " + dir.resolve("accuracy.svg"));
    }
}
