package dev.srl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code srl quickstart} at toy size: the table on stdout, progress on stderr, the run directory, user errors. */
class QuickstartCommandTest {
    @TempDir Path dir;

    private static String[] run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SrlCommand.execute(args);
            return new String[]{String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void toyRunPrintsTheTableAndProgress() throws Exception {
        Path out = dir.resolve("qs");
        String[] r = run("quickstart", "--toy", "--out", out.toString(), "--srl-steps", "1", "--set", "evalSamples=0");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("| held-out metric"), r[1]);
        assertTrue(r[1].contains("| accuracy, greedy step-by-step"), r[1]);
        assertFalse(r[1].contains("pass@"), r[1]);
        assertTrue(r[1].contains("peak resident memory"), r[1]);
        assertTrue(r[2].contains("[quickstart") && r[2].contains("SRL: 1 GRPO steps"), r[2]);
        assertTrue(Files.isRegularFile(out.resolve("results.json")));
        assertEquals(1, Files.readAllLines(out.resolve("srl/metrics.jsonl")).size());

        // The model it wrote can be evaluated again.
        Path bench = out.resolve("curriculum/hard/test.problems.jsonl");
        r = run("eval", "--task", "math", "--model", out.resolve("model").toString(), "--benchmark", bench.toString(),
                "--max-new-tokens", "24", "--max-steps", "2");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("| test.problems | 4 |"), r[1]);
    }

    @Test
    void badSettingsExitTwo() {
        String[] r = run("quickstart", "--toy", "--out", dir.resolve("x").toString(), "--set", "learningRate=1");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("'learningRate' does not exist"), r[2]);
        assertFalse(Files.exists(dir.resolve("x")));
    }
}
