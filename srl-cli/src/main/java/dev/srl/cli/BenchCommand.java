package dev.srl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code srl bench}: micro-benchmarks and throughput measurements; each is a subcommand. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks. Run 'srl bench <name> --help' for one.",
        subcommands = {
                BenchSimilarityCommand.class,
                BenchGrpoStepCommand.class,
                BenchModelCommand.class,
        },
        footer = {"", "Examples:", "  srl bench similarity --pairs 1000 --seed 1", "  srl bench model --sizes 1M,10M"})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
