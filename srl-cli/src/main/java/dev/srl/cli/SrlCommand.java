package dev.srl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code srl} command. Each subcommand is a small class in this package; register new ones in
 * {@code subcommands} below.
 */
@Command(name = "srl",
        mixinStandardHelpOptions = true,
        version = "srl 0.1.0-SNAPSHOT",
        description = "Step-wise Supervised Reinforcement Learning (SRL) on the JVM.",
        subcommands = {
                CommandLine.HelpCommand.class,
                BuildStepsCommand.class,
                TokenizeCommand.class,
                InitModelCommand.class,
                SimilarityCommand.class,
                RewardCommand.class,
                BenchCommand.class,
                MakeCurriculumCommand.class,
                ScoreAnswersCommand.class,
                LogprobsCommand.class,
                GenerateCommand.class,
                QuickstartCommand.class,
                TrainCommand.class,
                EvalCommand.class,
                SweTasksCommand.class,
                SweExampleCommand.class,
                ExperimentCommand.class,
        })
public final class SrlCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new SrlCommand());
        cl.setExecutionExceptionHandler(new CliErrors());
        return cl.execute(args);
    }
}
