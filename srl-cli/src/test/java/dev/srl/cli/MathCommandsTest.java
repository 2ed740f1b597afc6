package dev.srl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** build-steps --format s1k and make-curriculum, end to end through SrlCommand. */
class MathCommandsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;


    private static CliRun.Result run(String... args) {
        return CliRun.run(args);
    }

    private static ObjectNode s1kRow(String question, String attempt, String grade) {
        ObjectNode r = MAPPER.createObjectNode();
        for (String c : List.of("solution", "cot_type", "source_type", "gemini_thinking_trajectory", "gemini_attempt",
                "deepseek_thinking_trajectory", "gemini_grade", "gemini_grade_reason", "deepseek_grade_reason")) {
            r.put(c, c + " text");
        }
        r.put("metadata", "{'ID': '1991-5', 'Year': 1991, 'Part': None}");
        r.put("question", question);
        r.put("deepseek_attempt", attempt);
        r.put("deepseek_grade", grade);
        return r;
    }

    private static List<JsonNode> readLines(Path f) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(f)) out.add(MAPPER.readTree(l));
        return out;
    }

    @Test
    void buildStepsReadsS1k() throws Exception {
        String ok = "We need x.\n\n1. **Add**:\n   - 2 + 3 = 5\n\n2. **Double**:\n   - 5 * 2 = 10\n\n"
                + "3. **Check**:\n   - fine\n\nThus \\(\\boxed{10}\\).";
        Path in = dir.resolve("s1k.jsonl");
        Files.writeString(in, MAPPER.writeValueAsString(s1kRow("Q1", ok, "Yes")) + "\n"
                + MAPPER.writeValueAsString(s1kRow("Q2", "No steps, just \\boxed{3}.", "Yes")) + "\n"
                + MAPPER.writeValueAsString(s1kRow("Q3", ok, "No")) + "\n");
        Path outFile = dir.resolve("steps.jsonl");
        CliRun.Result r = run("build-steps", "--format", "s1k", "--input", in.toString(), "--output", outFile.toString(),
                "--graded-only", "--title-hint");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("1 trajectories read") && r.err().contains("excluded 2"), r.err());
        List<JsonNode> inst = readLines(outFile);
        assertEquals(2, inst.size(), "3 steps, skip-first targets");
        assertEquals("s1k-0", inst.get(0).get("trajectory_id").textValue());
        assertEquals("Q1\n\nWe need x.", inst.get(0).get("task").textValue());
        assertEquals("Double", inst.get(0).get("hint").textValue());
        assertTrue(inst.get(1).get("target").textValue().endsWith("\\boxed{10}\\)."));

        CliRun.Result own = run("build-steps", "--format", "s1k", "--input", in.toString(), "--output", outFile.toString(),
                "--conclusion", "own-step", "--preamble", "drop", "--targets", "all");
        assertEquals(0, own.code(), own.err());
        List<JsonNode> all = readLines(outFile);
        assertEquals(8, all.size(), "two rows (grades ignored) x 4 steps");
        assertEquals("Q1", all.get(0).get("task").textValue());
        assertEquals("Thus \\(\\boxed{10}\\).", all.get(3).get("target").textValue());
    }

    @Test
    void s1kOptionErrors() throws Exception {
        Path in = dir.resolve("s1k.jsonl");
        ObjectNode bad = s1kRow("Q", "x", "Yes");
        bad.remove("deepseek_attempt");
        Files.writeString(in, MAPPER.writeValueAsString(bad) + "\n");
        Path outFile = dir.resolve("steps.jsonl");
        CliRun.Result r = run("build-steps", "--format", "s1k", "--input", in.toString(), "--output", outFile.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(in + ":1: field 'deepseek_attempt': missing"), r.err());
        assertFalse(Files.exists(outFile));
        CliRun.Result wrongFormat = run("build-steps", "--input", in.toString(), "--output", outFile.toString(), "--graded-only");
        assertEquals(2, wrongFormat.code());
        assertTrue(wrongFormat.err().contains("only to --format s1k"), wrongFormat.err());
        CliRun.Result ungraded = run("build-steps", "--format", "s1k", "--input", in.toString(), "--output", outFile.toString(),
                "--graded-only", "--solution-field", "solution");
        assertEquals(2, ungraded.code());
        assertTrue(ungraded.err().contains("graded solution field"), ungraded.err());
    }

    @Test
    void makeCurriculumThenBuildSteps() throws Exception {
        Path out = dir.resolve("cur");
        CliRun.Result r = run("make-curriculum", "--out", out.toString(), "--seed", "5", "--train", "30", "--test", "10",
                "--min-steps", "3", "--max-steps", "3", "--kinds", "arithmetic,linear");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> train = readLines(out.resolve("train.trajectories.jsonl"));
        assertEquals(30, train.size());
        train.forEach(t -> assertEquals(3, t.get("steps").size()));
        assertEquals(10, readLines(out.resolve("test.problems.jsonl")).size());
        byte[] first = Files.readAllBytes(out.resolve("train.trajectories.jsonl"));
        Path again = dir.resolve("again");
        assertEquals(0, run("make-curriculum", "--out", again.toString(), "--seed", "5", "--train", "30", "--test", "10",
                "--min-steps", "3", "--max-steps", "3", "--kinds", "arithmetic,linear").code());
        assertArrayEquals(first, Files.readAllBytes(again.resolve("train.trajectories.jsonl")), "same seed, same bytes");

        Path steps = dir.resolve("steps.jsonl");
        CliRun.Result b = run("build-steps", "--input", out.resolve("train.trajectories.jsonl").toString(), "--output", steps.toString());
        assertEquals(0, b.code(), b.err());
        assertEquals(60, readLines(steps).size());

        CliRun.Result bad = run("make-curriculum", "--out", out.toString(), "--min-steps", "1");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("min-steps"), bad.err());
        assertEquals(2, run("make-curriculum", "--out", out.toString(), "--kinds", "geometry").code());
    }

    @Test
    void scoreAnswers() throws Exception {
        Path bench = dir.resolve("amc.jsonl");
        Files.writeString(bench, "{\"id\": 0, \"problem\": \"p0\", \"answer\": 27.0, \"url\": \"u\"}\n"
                + "{\"id\": 1, \"problem\": \"p1\", \"answer\": 0.5, \"url\": \"u\"}\n");
        Path comp = dir.resolve("comp.jsonl");
        Files.writeString(comp, "{\"id\": \"0\", \"greedy\": \"so \\\\boxed{27}\", \"samples\": [\"\\\\boxed{27}\", \"\\\\boxed{26}\"]}\n"
                + "{\"id\": 1, \"greedy\": \"\\\\boxed{x}\", \"samples\": [\"\\\\boxed{\\\\frac{1}{2}}\", \"\\\\boxed{1/2}\"]}\n");
        CliRun.Result r = run("score-answers", "--benchmark", bench.toString(), "--completions", comp.toString(), "--k", "1,2");
        assertEquals(0, r.code(), r.err());
        JsonNode score = MAPPER.readTree(r.out()).get(0);
        assertEquals("amc", score.get("benchmark").textValue());
        assertEquals(0.5, score.get("greedy").doubleValue(), 1e-12, "boxed{x} is UNKNOWN, counted wrong");
        assertEquals(0.75, score.get("avg@2").doubleValue(), 1e-12);
        assertEquals(1.0, score.get("pass@k").get("2").doubleValue(), 1e-12);

        CliRun.Result md = run("score-answers", "--benchmark", bench.toString(), "--completions", comp.toString(), "--markdown");
        assertTrue(md.out().contains("| amc | 2 | 50.0 | 75.0 | 75.0 |"), md.out());

        Files.writeString(comp, "{\"id\": 0, \"greedy\": \"27\"}\n");
        CliRun.Result missing = run("score-answers", "--benchmark", bench.toString(), "--completions", comp.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no completions for problem '1'"), missing.err());
    }
}
