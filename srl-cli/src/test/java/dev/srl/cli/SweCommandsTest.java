package dev.srl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.swe.grading.BundledTasks;
import dev.srl.swe.grading.SweTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The SWE formats in build-steps, swe-tasks and swe-example. */
class SweCommandsTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
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

    static void assumeBubblewrap() {
        boolean found = false;
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "bwrap"))) found = true;
        }
        assumeTrue(found, "bubblewrap (bwrap) is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || Files.isExecutable(Path.of("/usr/local/bin/python3")),
                "python3 is not installed under /usr");
    }

    @Test
    void buildStepsReadsSweSmithTrajectoriesAndRendersSwePrompts() throws Exception {
        Path in = BundledTasks.copyTrajectories(dir.resolve("expert.jsonl"));
        Path out = dir.resolve("steps.jsonl");
        Result r = run("build-steps", "--format", "swe-smith", "--input", in.toString(), "--output", out.toString(),
                "--context", "last-k", "--targets", "all", "--render", "--template", "swe");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(24, lines.size());
        JsonNode third = new ObjectMapper().readTree(lines.get(2));
        assertTrue(third.get("target").textValue().startsWith("<function=str_replace_editor>\n<parameter=command>create"));
        assertEquals(2, third.get("context").size());
        assertTrue(third.toString().contains("<pr_description>"));
    }

    @Test
    void buildStepsNamesTheBadRecordOfASweFile() throws Exception {
        Path in = dir.resolve("nebius.jsonl");
        Files.writeString(in, "{\"instance_id\": \"a\", \"trajectory\": [{\"role\": \"user\", \"text\": \"fix\"}, {\"role\": \"ai\", \"text\": 5}]}\n");
        Path out = dir.resolve("steps.jsonl");
        Result r = run("build-steps", "--format", "nebius", "--input", in.toString(), "--output", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(in + ":1: field 'trajectory[1].text': expected a string, got a number"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void sweExampleRefusesBadSettingsBeforeRunning() {
        Result r = run("swe-example", "--held-out", "no-such-task");
        assertEquals(2, r.code());
        assertEquals("srl swe-example: --held-out: no bundled task 'no-such-task' (see srl swe-tasks --list)", r.err().strip());
        assertEquals(2, run("swe-example", "--sft-steps", "-1").code());
        Result help = run("swe-example", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("srl swe-example"), help.out());
    }

    @Test
    void sweTasksListsTheSuite() {
        Result r = run("swe-tasks", "--list");
        assertEquals(0, r.code(), r.err());
        assertEquals(3, r.out().lines().count());
        assertTrue(r.out().startsWith("srl-tasks__textstats-1\tcount_words() miscounts"), r.out());
    }

    @Test
    void sweTasksReplaysTheExpertsAndResolvesEveryTask() throws Exception {
        assumeBubblewrap();
        Path report = dir.resolve("report.jsonl");
        Result r = run("swe-tasks", "--output", report.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("resolved 3 of 3"), r.out());
        assertEquals(3, Files.readAllLines(report).size());
    }

    @Test
    void sweTasksGradesPredictions() throws Exception {
        assumeBubblewrap();
        List<SweTask> tasks = BundledTasks.tasks();
        ObjectMapper json = new ObjectMapper();
        Path preds = dir.resolve("preds.jsonl");
        Files.writeString(preds, json.writeValueAsString(java.util.Map.of("instance_id", tasks.get(0).instanceId(), "model_patch", tasks.get(0).patch()))
                + "\n" + json.writeValueAsString(java.util.Map.of("instance_id", tasks.get(2).instanceId(), "model_patch", "")) + "\n");
        Result r = run("swe-tasks", "--predictions", preds.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("RESOLVED   " + tasks.get(0).instanceId()), r.out());
        assertTrue(r.out().contains("UNRESOLVED " + tasks.get(2).instanceId() + " (empty patch)"), r.out());
        assertTrue(r.out().contains("resolved 1 of 2"), r.out());

        Files.writeString(preds, "{\"instance_id\": \"nope\", \"model_patch\": \"\"}\n");
        Result bad = run("swe-tasks", "--predictions", preds.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains(preds + ":1: field 'instance_id': no bundled task 'nope'"), bad.err());
    }
}
