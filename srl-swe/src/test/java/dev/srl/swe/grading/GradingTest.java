package dev.srl.swe.grading;

import dev.srl.core.io.DataFormatException;
import dev.srl.swe.sandbox.SandboxConfig;
import dev.srl.swe.sandbox.SandboxedExecutor;
import dev.srl.swe.sandbox.SandboxTestSupport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradingTest {

    @Test
    void parsesUnittestLogsOfOldAndNewPythons() {
        String log = """
                test_a (tests.test_x.TestX.test_a) ... ok
                test_b (tests.test_x.TestX) ... FAIL
                test_c (tests.test_x.TestX.test_c)
                Docstring line ... ERROR
                test_d (tests.test_x.TestX.test_d) ... skipped 'no network'
                test_e (tests.test_x.TestX.test_e) ... expected failure
                test_f (tests.test_x.TestX.test_f) ... unexpected success
                ======================================================================
                FAIL: test_b (tests.test_x.TestX)
                """;
        assertEquals(Map.of("tests.test_x.TestX.test_a", TestStatus.PASSED, "tests.test_x.TestX.test_b", TestStatus.FAILED,
                "tests.test_x.TestX.test_c", TestStatus.ERROR, "tests.test_x.TestX.test_d", TestStatus.SKIPPED,
                "tests.test_x.TestX.test_e", TestStatus.XFAIL, "tests.test_x.TestX.test_f", TestStatus.FAILED),
                TestLogParser.parse("unittest", log));
    }

    @Test
    void parsesPytestSummaryAndVerboseLines() {
        String log = """
                tests/test_a.py::test_one PASSED                                   [ 50%]
                tests/test_a.py::test_two FAILED                                   [100%]
                =========================== short test summary info ============================
                PASSED tests/test_a.py::test_one
                FAILED tests/test_a.py::test_two - assert 1 == 2
                XPASS tests/test_a.py::test_three
                SKIPPED tests/test_a.py::test_four
                """;
        Map<String, TestStatus> s = TestLogParser.parse("pytest", log);
        assertEquals(TestStatus.PASSED, s.get("tests/test_a.py::test_one"));
        assertEquals(TestStatus.FAILED, s.get("tests/test_a.py::test_two"));
        assertEquals(TestStatus.FAILED, s.get("tests/test_a.py::test_three"));
        assertEquals(TestStatus.SKIPPED, s.get("tests/test_a.py::test_four"));
        assertThrows(IllegalArgumentException.class, () -> TestLogParser.parse("jest", log));
    }

    @Test
    void readsTestListsAsArraysOrJsonStrings() throws Exception {
        String jsonl = """
                {"instance_id": "a__b-1", "repo": "a/b", "base_commit": "abc", "patch": "", "test_patch": "", "problem_statement": "x", "FAIL_TO_PASS": "[\\"t::a\\"]", "PASS_TO_PASS": "[]", "version": "1.0"}
                {"instance_id": "a__b-2", "problem_statement": "y", "FAIL_TO_PASS": ["t::b"], "PASS_TO_PASS": ["t::c"], "test_cmd": "make test", "log_parser": "unittest"}
                """;
        List<SweTask> tasks = SweTaskReader.read(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), "tasks.jsonl");
        assertEquals(List.of("t::a"), tasks.get(0).failToPass());
        assertEquals(List.of(), tasks.get(0).passToPass());
        assertEquals("pytest", tasks.get(0).logParser());
        assertEquals(List.of("t::c"), tasks.get(1).passToPass());
        assertEquals("make test", tasks.get(1).testCmd());
        String bad = "{\"instance_id\": \"x\", \"problem_statement\": \"p\", \"FAIL_TO_PASS\": \"[not json\"}\n"
                + "{\"instance_id\": \"y\", \"problem_statement\": \"p\", \"FAIL_TO_PASS\": [1]}\n";
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> SweTaskReader.read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "bad.jsonl"));
        assertTrue(e.getMessage().startsWith("bad.jsonl:1: field 'FAIL_TO_PASS'"), e.getMessage());
        DataFormatException e2 = assertThrows(DataFormatException.class, () -> SweTaskReader.read(new ByteArrayInputStream(
                bad.lines().skip(1).findFirst().orElseThrow().getBytes(StandardCharsets.UTF_8)), "bad.jsonl"));
        assertEquals("bad.jsonl:1: field 'FAIL_TO_PASS[0]': expected a string", e2.getMessage());
    }

    @Test
    void touchedFilesComeFromDiffHeaders() {
        assertEquals(List.of("tests/a.py", "tests/b.py", "c.py"), List.copyOf(Grader.touchedFiles(
                "diff --git a/tests/a.py b/tests/a.py\n--- a/tests/a.py\n+++ b/tests/a.py\ndiff --git a/tests/b.py b/c.py\n")));
    }

    @Test
    void gradesGoldEmptyBrokenFuzzyAndWrongPatches() throws Exception {
        SandboxTestSupport.assumeBubblewrap();
        SandboxTestSupport.assumePython();
        Grader grader = new Grader(SandboxedExecutor.create(SandboxConfig.defaults()), Duration.ofSeconds(60));
        SweTask task = BundledTasks.tasks().get(1);   // intervals: FAIL_TO_PASS given as a JSON string
        String gold = task.patch();
        String fuzzy = gold.replace("     result = []\n", "     result = []  # a context line that is not in the file\n");
        assertTrue(!fuzzy.equals(gold));
        String wrong = gold.replace("start <= result", "start <= result[-1][0] and start < result");
        String[] patches = {gold, "", "this is not a diff\n", fuzzy, wrong};
        GradeReport[] r = new GradeReport[patches.length];
        for (int i = 0; i < patches.length; i++) {
            Path wc = BundledTasks.materialize(task, Files.createTempDirectory("srl-grade"));
            try {
                r[i] = grader.grade(task, patches[i], wc);
            } finally {
                GradingTestSupport.delete(wc);
            }
        }
        assertTrue(r[0].resolved());
        assertEquals("git apply", r[0].applyMethod());
        assertEquals(TestStatus.PASSED, r[0].results().get("tests.test_intervals.TestMerge.test_touching"));
        assertEquals(5, r[0].results().size());

        assertFalse(r[1].resolved());
        assertEquals("empty patch", r[1].log());
        assertFalse(r[2].patchApplied());
        assertEquals(">>>>> Patch Apply Failed", r[2].log());

        assertTrue(r[3].patchApplied());
        assertEquals("patch", r[3].applyMethod(), "only patch's fuzz accepts the changed context");
        assertTrue(r[3].resolved());

        assertTrue(r[4].patchApplied());
        assertFalse(r[4].resolved());
        assertTrue(r[4].failToPassFailed().contains("tests.test_intervals.TestMerge.test_touching"), r[4].toString());
        assertEquals(List.of("tests.test_intervals.TestMerge.test_overlapping"), r[4].passToPassFailed());   // broke a passing test too
    }
}
