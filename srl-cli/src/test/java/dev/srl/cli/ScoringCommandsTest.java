package dev.srl.cli;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.reward.PythonDifflib;
import dev.srl.core.reward.SimilarityPairs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code srl similarity} and {@code srl reward}, run through {@link SrlCommand#execute}. */
class ScoringCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // The cross-check pairs hold lone surrogates, which only an escaped JSON string can carry through UTF-8.
    private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> nodes = new ArrayList<>();
            for (String l : out.split("\n")) if (!l.isEmpty()) nodes.add(JSON.readTree(l));
            return nodes;
        }
    }

    private static Run run(byte[] stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out, oldErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SrlCommand.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static Run run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    @Test
    void similarityWritesOneRatioPerLineInOrder() throws Exception {
        Run r = run("""
                {"a": "x = 3 + 4", "b": "x = 4 + 3"}

                {"a": "𝔸b", "b": "𝔸c", "autojunk": false}
                {"a": "", "b": ""}
                {"a": "b%s", "b": "%s"}
                {"a": "b%s", "b": "%s", "autojunk": false}
                """.formatted("a".repeat(199), "a".repeat(200), "a".repeat(199), "a".repeat(200)), "similarity");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = r.lines();
        assertEquals(5, lines.size());
        assertEquals("{\"ratio\":0.7777777777777778}", r.out().lines().findFirst().orElseThrow());
        assertEquals(0.5, lines.get(1).get("ratio").doubleValue());
        assertEquals(1.0, lines.get(2).get("ratio").doubleValue());
        assertEquals(0.0, lines.get(3).get("ratio").doubleValue(), "autojunk defaults to Python's true");
        assertEquals(0.995, lines.get(4).get("ratio").doubleValue());
    }

    @Test
    void similarityEqualsCpythonExactly() throws Exception {
        assumeTrue(PythonDifflib.available(), "python3 is not installed");
        List<SimilarityPairs.Pair> pairs = SimilarityPairs.crossCheck(99, 300);
        for (boolean autojunk : new boolean[]{true, false}) {
            StringBuilder in = new StringBuilder();
            for (SimilarityPairs.Pair p : pairs) {
                ObjectNode o = JSON.createObjectNode().put("a", p.a()).put("b", p.b());
                if (!autojunk) o.put("autojunk", false);   // true comes from the default
                in.append(ESCAPING.writeValueAsString(o)).append('\n');
            }
            Path input = dir.resolve("pairs.jsonl");
            Files.writeString(input, in);
            Path output = dir.resolve("ratios.jsonl");
            Run r = run(new byte[0], "similarity", "--input", input.toString(), "--output", output.toString());
            assertEquals(0, r.code(), r.err());
            List<String> got = Files.readAllLines(output);
            List<PythonDifflib.Result> expected = PythonDifflib.check(pairs, autojunk);
            assertEquals(pairs.size(), got.size());
            for (int k = 0; k < got.size(); k++) {
                double ratio = JSON.readTree(got.get(k)).get("ratio").doubleValue();
                assertEquals(Double.doubleToLongBits(expected.get(k).ratio()), Double.doubleToLongBits(ratio),
                        "pair " + k + " autojunk=" + autojunk);
            }
        }
    }

    @Test
    void emptyInputIsFine() {
        Run r = run("", "similarity");
        assertEquals(0, r.code());
        assertEquals("", r.out());
        assertEquals(0, run("\n\n", "reward").code());
    }

    @Test
    void rewardKeepsEveryFieldAndAddsTheScore() throws Exception {
        Run r = run("""
                {"id": 7, "response": "<think>add</think> 3+4=7", "expert": "3 + 4 = 7", "meta": {"k": [1, 2]}}
                {"id": 8, "response": "3 + 4 = 7", "expert": "3 + 4 = 7"}
                {"id": 9, "response": "<think>t</think><solution>3 + 4 = 7</solution>", "expert": "3 + 4 = 7\\n"}
                """, "reward");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = r.lines();
        JsonNode ok = lines.get(0);
        assertEquals(7, ok.get("id").intValue());
        assertEquals(2, ok.get("meta").get("k").get(1).intValue());
        assertEquals(0.7142857142857143, ok.get("reward").doubleValue());
        assertEquals(0.7142857142857143, ok.get("similarity").doubleValue());
        assertTrue(ok.get("format_ok").booleanValue());
        assertEquals("3+4=7", ok.get("action").textValue());
        assertTrue(ok.get("format_problem").isNull());

        JsonNode broken = lines.get(1);
        assertEquals(-1.0, broken.get("reward").doubleValue());
        assertTrue(broken.get("similarity").isNull());
        assertFalse(broken.get("format_ok").booleanValue());
        assertEquals("missing <think>", broken.get("format_problem").textValue());

        assertEquals(1.0, lines.get(2).get("reward").doubleValue());
    }

    @Test
    void rewardTaskSweScoresCanonicalToolCalls() throws Exception {
        String ls = "<function=bash>\\n<parameter=command>ls</parameter>\\n</function>";
        Run r = run("{\"response\": \"<think>list</think><function=bash><parameter=command>ls -a</parameter></function>\", \"expert\": \"" + ls + "\"}\n"
                + "{\"response\": \"<think>t</think>\\n<function=execute_bash>\\n<parameter=command>ls</parameter>\\n</function>\", \"expert\": \"" + ls + "\"}\n"
                + "{\"response\": \"<think>t</think> ls\", \"expert\": \"" + ls + "\"}\n"
                + "{\"response\": \"<think>t</think>" + ls + "<function=submit></function>\", \"expert\": \"" + ls + "\"}\n",
                "reward", "--task", "swe");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> lines = r.lines();
        // "ls" vs "ls -a" in canonical form (61 and 64 characters, 61 matching): 2*61/125
        assertEquals(122.0 / 125, lines.get(0).get("reward").doubleValue(), 1e-12);
        assertEquals("<function=bash>\n<parameter=command>ls -a</parameter>\n</function>", lines.get(0).get("action").textValue());
        assertTrue(lines.get(0).get("format_ok").booleanValue());
        assertEquals(1.0, lines.get(1).get("reward").doubleValue(), "the alias execute_bash is bash");
        for (JsonNode broken : List.of(lines.get(2), lines.get(3))) {
            assertEquals(-1.0, broken.get("reward").doubleValue());
            assertTrue(broken.get("similarity").isNull());
            assertFalse(broken.get("format_ok").booleanValue());
            assertTrue(broken.get("format_problem").textValue().startsWith("not one tool call"), broken.toString());
        }
        // The math reward compares the raw text instead, so the alias costs similarity there.
        Run math = run("{\"response\": \"<think>t</think><function=execute_bash><parameter=command>ls</parameter></function>\", "
                + "\"expert\": \"<function=bash><parameter=command>ls</parameter></function>\"}\n", "reward");
        assertTrue(math.lines().get(0).get("reward").doubleValue() < 1.0);
        Run bad = run("", "reward", "--task", "chess");
        assertEquals(2, bad.code());
    }

    @Test
    void rewardAutojunkSwitch() throws Exception {
        String expert = "Substitute x = 3 into the equation and simplify both sides to get the value of y. ".repeat(3);
        String action = "Put x = 3 in the equation, then simplify each side to obtain the value of y. ".repeat(3);
        String line = JSON.writeValueAsString(JSON.createObjectNode()
                .put("response", "<think>t</think>" + action).put("expert", expert)) + "\n";
        double off = run(line, "reward").lines().get(0).get("reward").doubleValue();
        double on = run(line, "reward", "--autojunk").lines().get(0).get("reward").doubleValue();
        assertTrue(off > on + 0.1, "off=" + off + " on=" + on);
    }

    @Test
    void rewardWritesAFileAtomically() throws Exception {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"response\": \"<think>t</think>ab\", \"expert\": \"ab\"}\n");
        Path output = dir.resolve("sub/out.jsonl");
        Run r = run(new byte[0], "reward", "-i", input.toString(), "-o", output.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1.0, JSON.readTree(Files.readString(output)).get("reward").doubleValue());
    }

    @Test
    void badInputNamesTheLineAndFieldAndLeavesNoFile() throws Exception {
        Path output = dir.resolve("out.jsonl");
        String o = output.toString();

        Run malformed = run("{\"a\": \"x\", \"b\": \"y\"}\n{\"a\": \"x\",\n", "similarity", "-o", o);
        assertEquals(2, malformed.code());
        assertTrue(malformed.err().startsWith("srl similarity: <stdin>:2: malformed JSON"), malformed.err());
        assertEquals(1, malformed.err().strip().lines().count());
        assertFalse(Files.exists(output));

        Run wrongType = run("{\"a\": \"x\", \"b\": 3}\n", "similarity", "-o", o);
        assertEquals(2, wrongType.code());
        assertEquals("srl similarity: <stdin>:1: field 'b': expected a string, got a number", wrongType.err().strip());
        assertFalse(Files.exists(output));

        Run badFlag = run("{\"a\": \"x\", \"b\": \"y\", \"autojunk\": \"yes\"}\n", "similarity");
        assertEquals(2, badFlag.code());
        assertTrue(badFlag.err().contains("<stdin>:1: field 'autojunk'"), badFlag.err());

        Run missing = run("{\"response\": \"<think>t</think>x\"}\n", "reward", "-o", o);
        assertEquals(2, missing.code());
        assertEquals("srl reward: <stdin>:1: field 'expert': missing", missing.err().strip());
        assertFalse(Files.exists(output));

        Run notObject = run("[1, 2]\n", "reward");
        assertEquals(2, notObject.code());
        assertTrue(notObject.err().contains("<stdin>:1: expected a JSON object"), notObject.err());

        byte[] badUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}', '\n'};
        Run utf8 = run(badUtf8, "similarity", "-o", o);
        assertEquals(2, utf8.code());
        assertTrue(utf8.err().contains("<stdin>:1: invalid UTF-8"), utf8.err());
        assertFalse(Files.exists(output));

        Path input = dir.resolve("bad.jsonl");
        Files.writeString(input, "{\"response\": \"r\", \"expert\": \"e\"}\n\n{\"response\": 1, \"expert\": \"e\"}\n");
        Run fromFile = run(new byte[0], "reward", "--input", input.toString(), "--output", o);
        assertEquals(2, fromFile.code());
        assertEquals("srl reward: " + input + ":3: field 'response': expected a string, got a number", fromFile.err().strip());
        assertFalse(Files.exists(output));

        Run noFile = run(new byte[0], "similarity", "--input", dir.resolve("nope.jsonl").toString());
        assertEquals(2, noFile.code());
        assertTrue(noFile.err().contains("nope.jsonl: no such file"), noFile.err());
    }

    @Test
    void helpShowsExamples() {
        for (String cmd : new String[]{"similarity", "reward"}) {
            Run r = run("", cmd, "--help");
            assertEquals(0, r.code());
            assertTrue(r.out().contains("Examples:"), r.out());
            assertTrue(r.out().contains("srl " + cmd), r.out());
        }
        Run bench = run("", "bench", "similarity", "--help");
        assertEquals(0, bench.code());
        assertTrue(bench.out().contains("--pairs"), bench.out());
    }

    @Test
    void benchRunsOnATinyInput() {
        Run r = run("", "bench", "similarity", "--pairs", "5", "--reps", "1", "--no-python");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("pairs/s"), r.out());
        assertEquals(2, run("", "bench", "similarity", "--pairs", "0").code());
    }
}
