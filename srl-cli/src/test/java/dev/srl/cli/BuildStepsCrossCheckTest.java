package dev.srl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Rebuilds the instances of the example trajectories in Python (resources/build_steps_crosscheck.py) and
 * compares them with the output of {@code build-steps} for each context and targets choice. Skipped where
 * python3 is missing.
 */
class BuildStepsCrossCheckTest {
    @TempDir
    Path dir;

    private static boolean hasPython() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void javaAndPythonBuildTheSameInstances() throws Exception {
        assumeTrue(hasPython(), "python3 is not installed");
        Path example = Path.of("../examples/data/trajectories.jsonl");
        assumeTrue(Files.exists(example), "run from the srl-cli module folder");
        Path script = dir.resolve("check.py");
        try (InputStream in = getClass().getResourceAsStream("/build_steps_crosscheck.py")) {
            Files.write(script, in.readAllBytes());
        }
        String[][] cases = {
                {"skip-first", "full", "2", "0", "0"},
                {"all", "full", "2", "1", "1"},
                {"skip-last", "last-k", "1", "0", "1"},
                {"all", "last-k", "2", "1", "0"},
        };
        for (String[] c : cases) {
            Path out = dir.resolve("steps-" + String.join("-", c) + ".jsonl");
            List<String> args = new ArrayList<>(List.of("build-steps", "--input", example.toString(), "--output", out.toString(),
                    "--targets", c[0], "--context", c[1], "--render"));
            if (c[1].equals("last-k")) args.addAll(List.of("--k", c[2]));
            if (c[3].equals("1")) args.add("--with-thoughts");
            if (c[4].equals("1")) args.add("--title-hint");
            assertEquals(0, SrlCommand.execute(args.toArray(String[]::new)), String.join(" ", args));

            Process p = new ProcessBuilder("python3", script.toString(), example.toString(), out.toString(),
                    c[0], c[1], c[2], c[3], c[4]).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(60, TimeUnit.SECONDS);
            assertEquals(0, p.exitValue(), String.join(" ", c) + ": " + said);
            assertEquals(String.valueOf(Files.readAllLines(out).size()), said);
        }
    }
}
