package dev.srl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code srl experiment}: reproducible experiments from the paper, at the scale of this machine. */
@Command(name = "experiment",
        mixinStandardHelpOptions = true,
        description = "Runs one of the paper's experiments at small scale and writes its table and plots.",
        subcommands = {PaperTableCommand.class},
        footer = {"", "Example:", "  srl experiment paper-table --scale small --seed 7"})
final class ExperimentCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name an experiment, e.g. 'srl experiment paper-table'");
    }
}
