package dev.srl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code srl bench}: throughput measurements; each kind of benchmark is a subcommand. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Throughput benchmarks.",
        subcommands = {BenchModelCommand.class},
        footer = {"", "Example:", "  srl bench model --sizes 1M,10M"})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
