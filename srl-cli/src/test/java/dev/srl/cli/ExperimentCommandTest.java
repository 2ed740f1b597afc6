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

/** srl experiment paper-table, end to end through SrlCommand at the tiny scale. */
class ExperimentCommandTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SrlCommand.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void paperTableAtTinyScaleWritesTheTableAndPlots() throws Exception {
        Path out = dir.resolve("pt");
        Result r = run("experiment", "paper-table", "--scale", "tiny", "--seed", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| SRL → RLVR |"), r.out());
        assertTrue(r.out().contains("| Method | Optimizer steps |"), r.out());
        for (String f : new String[] {"table.md", "results.json", "rewards.svg", "accuracy.svg", "methods/srl/metrics.jsonl"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertTrue(Files.readString(out.resolve("results.json")).contains("\"seed\" : 2"));
    }

    @Test
    void unknownScaleIsOneLineAndExitTwo() {
        Result r = run("experiment", "paper-table", "--scale", "huge", "--out", dir.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("huge"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(dir.resolve("x/results.json")));
    }

    @Test
    void helpShowsAnExample() {
        Result r = run("experiment", "paper-table", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("srl experiment paper-table --scale small --seed 7"), r.out());
    }
}
