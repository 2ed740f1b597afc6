package dev.srl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.data.StepwiseInstanceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BuildStepsCommandTest {
    @TempDir
    Path dir;

    static final String T1 = "{\"id\":\"a\",\"task\":\"3+4-2?\",\"metadata\":{\"answer\":\"5\"},\"steps\":["
            + "{\"action\":\"1. **Add** 3+4=7\",\"title\":\"Add\"},{\"action\":\"2. **Subtract** 7-2=5\",\"title\":\"Subtract\"},"
            + "{\"action\":\"3. **Answer** \\\\boxed{5}\",\"title\":\"Answer\"}]}";
    static final String T2 = "{\"id\":\"b\",\"task\":\"fix it\",\"steps\":["
            + "{\"thought\":\"look\",\"action\":\"ls\",\"observation\":\"a.py\"},{\"action\":\"cat a.py\",\"observation\":\"x=1\"},"
            + "{\"action\":\"edit\",\"observation\":\"ok\"},{\"action\":\"submit\"}]}";


    private static CliRun.Result run(String... args) {
        return CliRun.run(args);
    }

    private Path input(String... lines) throws IOException {
        Path f = dir.resolve("trajs.jsonl");
        Files.writeString(f, lines.length == 0 ? "" : String.join("\n", lines) + "\n");
        return f;
    }

    private Path output() {
        return dir.resolve("out/steps.jsonl");
    }

    private CliRun.Result build(Path in, String... extra) {
        List<String> args = new ArrayList<>(List.of("build-steps", "--input", in.toString(), "--output", output().toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private static List<JsonNode> lines(Path f) throws IOException {
        var mapper = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(f)) out.add(mapper.readTree(l));
        return out;
    }

    @Test
    void defaultsMakeNMinusOneInstancesPerTrajectory() throws IOException {
        CliRun.Result r = build(input(T1, T2));
        assertEquals(0, r.code(), r.err());
        List<StepwiseInstance> got = StepwiseInstanceFile.readAll(output());
        assertEquals(List.of("a#1", "a#2", "b#1", "b#2", "b#3"), got.stream().map(StepwiseInstance::id).toList());
        assertEquals(3, got.get(4).context().size(), "full history");
        assertNull(got.get(2).context().get(0).thought(), "thoughts are dropped by default");
        assertTrue(r.err().contains("2 trajectories read"), r.err());
        assertTrue(r.err().contains("5 instances written"), r.err());
        assertTrue(r.err().contains("skipped 0 invalid, excluded 0"), r.err());
    }

    @Test
    void optionsReachTheBuilder() throws IOException {
        Path in = input(T1, T2);
        assertEquals(0, build(in, "--targets", "all").code());
        assertEquals(7, Files.readAllLines(output()).size());
        assertEquals(0, build(in, "--targets", "skip-last").code());
        assertEquals(5, Files.readAllLines(output()).size());

        assertEquals(0, build(in, "--context", "last-k", "--k", "1", "--with-thoughts").code());
        List<StepwiseInstance> got = StepwiseInstanceFile.readAll(output());
        assertTrue(got.stream().allMatch(i -> i.context().size() == 1));
        assertEquals("look", got.get(2).context().get(0).thought());

        assertEquals(0, build(in, "--title-hint").code());
        assertEquals("Subtract", StepwiseInstanceFile.readAll(output()).get(0).hint());
    }

    @Test
    void renderAddsPromptAndMessages() throws IOException {
        assertEquals(0, build(input(T1), "--render", "--title-hint").code());
        JsonNode first = lines(output()).get(0);
        JsonNode messages = first.get("messages");
        assertEquals(2, messages.size());
        assertEquals("system", messages.get(0).get("role").asText());
        assertTrue(messages.get(0).get("content").asText().contains("single, next step"));
        assertEquals("Question:\n3+4-2?\n\nSolution so far:\n1. **Add** 3+4=7\n\nTitle of the next step: Subtract",
                messages.get(1).get("content").asText());
        assertTrue(first.get("prompt").asText().endsWith("Title of the next step: Subtract"));

        assertEquals(0, build(input(T2), "--render", "--template", "agent", "--context", "last-k").code());
        assertTrue(lines(output()).get(2).get("messages").get(1).get("content").asText().contains("Action:\ncat a.py\nObservation:\nx=1"));
    }

    @Test
    void theReadmeExampleFileWorks() throws IOException {
        Path example = Path.of("../examples/data/trajectories.jsonl");
        assumeTrue(Files.exists(example), "run from the srl-cli module folder");
        CliRun.Result r = build(example);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("7 trajectories read"), r.err());
        assertEquals(17, Files.readAllLines(output()).size());
    }

    /** A user error: exit code 2, one line naming what is wrong, and no output file. */
    private CliRun.Result assertFails(CliRun.Result r, String... expected) throws IOException {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("srl build-steps: "), r.err());
        for (String e : expected) assertTrue(r.err().contains(e), "expected '" + e + "' in: " + r.err());
        assertFalse(Files.exists(output()), "no output file after an error");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
        if (Files.isDirectory(output().getParent())) {
            try (var files = Files.list(output().getParent())) {
                assertEquals(0, files.count(), "no temporary file left");
            }
        }
        return r;
    }

    @Test
    void malformedJson() throws IOException {
        Path in = input(T1, "{\"id\": \"b\", oops}");
        assertFails(build(in), in + ":2: malformed JSON");
    }

    @Test
    void wrongType() throws IOException {
        Path in = input(T1, T2, "{\"id\":\"c\",\"task\":\"t\",\"steps\":[{\"action\":\"x\"},{\"action\":42}]}");
        assertFails(build(in), in + ":3: field 'steps[1].action': expected a string, got a number");
    }

    @Test
    void missingField() throws IOException {
        Path in = input("{\"id\":\"c\",\"steps\":[{\"action\":\"x\"}]}");
        assertFails(build(in), in + ":1: field 'task': missing");
        in = input(T1, "{\"id\":\"c\",\"task\":\"t\",\"steps\":[{\"action\":\"x\"},{\"title\":\"y\"}]}");
        assertFails(build(in), in + ":2: field 'steps[1].action': missing");
    }

    @Test
    void invalidUtf8() throws IOException {
        Path in = dir.resolve("trajs.jsonl");
        byte[] good = (T1 + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = "{\"id\":\"c\",\"task\":\"caf\u00e9\",\"steps\":[{\"action\":\"x\"}]}\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[good.length + bad.length];
        System.arraycopy(good, 0, all, 0, good.length);
        System.arraycopy(bad, 0, all, good.length, bad.length);
        Files.write(in, all);
        assertFails(build(in), in + ":2: invalid UTF-8");
    }

    @Test
    void emptyFile() throws IOException {
        Path in = input();
        assertFails(build(in), "no trajectories in " + in);
        Files.writeString(in, "\n  \n");
        assertFails(build(in), "no trajectories in " + in);
    }

    @Test
    void nothingToTrainOn() throws IOException {
        Path in = input("{\"id\":\"c\",\"task\":\"t\",\"steps\":[{\"action\":\"only one\"}]}");
        assertFails(build(in), "no instances", "--targets skip-first");
    }

    @Test
    void badOptionsAndFiles() throws IOException {
        Path in = input(T1);
        assertFails(build(in, "--format", "nope"), "unknown trajectory format 'nope' (known: srl");
        assertFails(build(in, "--context", "window"), "--context must be full or last-k");
        assertFails(build(in, "--k", "3"), "--k applies only to --context last-k");
        assertFails(build(in, "--context", "last-k", "--k", "0"), "--k must be at least 1");
        assertFails(build(in, "--targets", "first"), "--targets must be");
        assertFails(build(in, "--template", "agent"), "--template applies only with --render");
        assertFails(run("build-steps", "--input", in.toString(), "--output", in.toString()), "--output must not be the input file");
        assertEquals(T1 + "\n", Files.readString(in));
        Files.createDirectories(dir.resolve("folder"));
        CliRun.Result r = run("build-steps", "--input", in.toString(), "--output", dir.resolve("folder").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--output is a folder"), r.err());
        assertTrue(Files.isDirectory(dir.resolve("folder")));
        assertFails(build(dir.resolve("missing.jsonl")), "input file not found: " + dir.resolve("missing.jsonl"));
    }

    @Test
    void skipInvalidCountsBadLines() throws IOException {
        Path in = input(T1, "{oops", "{\"id\":\"c\",\"task\":\"t\",\"steps\":[{\"action\":1}]}", T2);
        CliRun.Result r = build(in, "--skip-invalid");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("2 trajectories read"), r.err());
        assertTrue(r.err().contains("skipped 2 invalid"), r.err());
        assertEquals(5, Files.readAllLines(output()).size());

        Files.delete(output());
        Path allBad = input("{oops");
        assertFails(build(allBad, "--skip-invalid"), "no trajectories in " + allBad, "1 invalid skipped");
    }

    @Test
    void anExistingOutputSurvivesAFailedRun() throws IOException {
        Files.createDirectories(output().getParent());
        Files.writeString(output(), "previous\n");
        CliRun.Result r = build(input(T1, "{broken"));
        assertEquals(2, r.code());
        assertEquals("previous\n", Files.readString(output()));
    }

    @Test
    void helpShowsAnExample() {
        CliRun.Result r = run("build-steps", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("srl build-steps --input examples/data/trajectories.jsonl"), r.out());
        assertNotNull(r.out());
    }
}
