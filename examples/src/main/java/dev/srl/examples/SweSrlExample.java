package dev.srl.examples;

import dev.srl.swe.example.SweSrlConfig;
import dev.srl.swe.example.SweSrlPipeline;
import dev.srl.swe.sandbox.SandboxConfig;
import dev.srl.swe.sandbox.SandboxedExecutor;

import java.time.Duration;
import java.util.Locale;

/**
 * SRL on the bundled software-engineering tasks with a tiny model, in four moves:
 * <ol>
 *   <li>replay each expert trajectory in the bubblewrap sandbox and grade the patch it leaves (resolved or not);</li>
 *   <li>cut the trajectories into step-wise instances (the issue and the last 2 action/observation pairs, the
 *       expert's next tool call as the target) and hold one task's steps out;</li>
 *   <li>teach a ~0.4M-parameter character-level model the answer format ({@code <think>…</think>} and one tool
 *       call) with a short SFT warm-up, then run SRL: GRPO with dynamic sampling and the tool-call similarity
 *       reward;</li>
 *   <li>print the held-out scores, greedy, after the warm-up and after SRL.</li>
 * </ol>
 * Three tiny tasks are far too few for a model to generalise from, so the held-out numbers show that the pipeline
 * works end to end, not that SRL helps; the prompts are cut hard (see {@link SweSrlConfig}) to fit a CPU.
 *
 * <p>Run (after {@code mvn -q -DskipTests package}):
 * <pre>{@code
 * java -cp "examples/target/examples-0.1.0-SNAPSHOT.jar:srl-cli/target/lib/*" dev.srl.examples.SweSrlExample
 * bin/srl swe-example          # the same, from the command line
 * }</pre>
 */
public final class SweSrlExample {
    private SweSrlExample() {
    }

    public static void main(String[] args) throws Exception {
        SweSrlConfig config = SweSrlConfig.defaults();
        SandboxedExecutor sandbox = SandboxedExecutor.create(
                SandboxConfig.defaults().withTimeout(Duration.ofSeconds(config.commandTimeoutSeconds())));

        long start = System.nanoTime();
        SweSrlPipeline.Report report = SweSrlPipeline.run(config, sandbox, System.out);

        System.out.printf("%nexpert replays resolved: %s%n%n", report.allResolved() ? "all" : "NOT all");
        System.out.print(report.table());
        System.out.printf(Locale.ROOT, "%ntotal %.0f s (replay %.0f s, SFT %.0f s, SRL %.0f s, evaluation %.0f s)%n",
                (System.nanoTime() - start) / 1e9, report.replaySeconds(), report.sftSeconds(), report.srlSeconds(),
                report.evalSeconds());
    }
}
