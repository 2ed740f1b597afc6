package dev.srl.cli;

import dev.srl.swe.example.SweSrlConfig;
import dev.srl.swe.example.SweSrlPipeline;
import dev.srl.swe.grading.BundledTasks;
import dev.srl.swe.sandbox.SandboxConfig;
import dev.srl.swe.sandbox.SandboxUnavailableException;
import dev.srl.swe.sandbox.SandboxedExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code srl swe-example}: the SWE SRL example (replay, step-wise data, SFT warm-up, SRL, held-out evaluation). */
@Command(name = "swe-example",
        mixinStandardHelpOptions = true,
        description = {
                "Runs SRL on the bundled software-engineering tasks with a tiny character-level model: replays each "
                        + "expert trajectory in the sandbox and grades it, builds step-wise instances (issue + the last 2 "
                        + "action/observation pairs, cut short for a tiny model), holds one task's steps out, runs an SFT "
                        + "warm-up (the <think> + one tool call format) and then GRPO with dynamic sampling and the "
                        + "tool-call similarity reward, and prints the held-out scores before and after SRL (greedy).",
                "A demonstration of the pipeline, not of learning: three tiny tasks are far too few to generalise from. "
                        + "Refuses to run (exit 2) when no sandbox can be made here."},
        sortOptions = false,
        footer = {"", "Examples:", "  srl swe-example", "  srl swe-example --sft-steps 300 --srl-steps 20 --held-out srl-tasks__textstats-1"})
final class SweExampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--held-out", paramLabel = "ID", description = "Task whose steps are held out (default: ${DEFAULT-VALUE}).",
            defaultValue = "srl-tasks__slugify-3")
    String heldOut;

    @Option(names = "--sft-steps", paramLabel = "N", description = "SFT warm-up updates (default: ${DEFAULT-VALUE}).", defaultValue = "200")
    int sftSteps;

    @Option(names = "--srl-steps", paramLabel = "N", description = "GRPO updates (default: ${DEFAULT-VALUE}).", defaultValue = "8")
    int srlSteps;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of weights, data order and rollouts (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (sftSteps < 0 || srlSteps < 0) throw new IllegalArgumentException("--sft-steps and --srl-steps must be >= 0");
        if (BundledTasks.tasks().stream().noneMatch(t -> t.instanceId().equals(heldOut))) {
            throw new IllegalArgumentException("--held-out: no bundled task '" + heldOut + "' (see srl swe-tasks --list)");
        }
        SweSrlConfig d = SweSrlConfig.defaults();
        SweSrlConfig c = new SweSrlConfig(heldOut, d.maxIssueChars(), d.maxObservationChars(), d.hiddenSize(), d.layers(),
                d.expertThoughts(), sftSteps, d.sftBatchSize(), d.sftLearningRate(), srlSteps, d.groupSize(), d.promptsPerStep(),
                d.srlLearningRate(), d.maxSamplingRounds(), d.maxNewTokens(), d.commandTimeoutSeconds(), seed);
        SandboxedExecutor executor;
        try {
            executor = SandboxedExecutor.create(SandboxConfig.defaults().withTimeout(Duration.ofSeconds(c.commandTimeoutSeconds())));
        } catch (SandboxUnavailableException e) {
            spec.commandLine().getErr().println("srl swe-example: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return CliErrors.USER_ERROR;
        }
        long t0 = System.nanoTime();
        PrintStream out = System.out;
        SweSrlPipeline.Report r = SweSrlPipeline.run(c, executor, out);
        out.println();
        out.print(r.table());
        out.printf(Locale.ROOT, "%ntime: replay %.0f s, SFT %.0f s, SRL %.0f s, evaluation %.0f s, total %.0f s%n",
                r.replaySeconds(), r.sftSeconds(), r.srlSeconds(), r.evalSeconds(), (System.nanoTime() - t0) / 1e9);
        out.flush();
        return 0;
    }
}
