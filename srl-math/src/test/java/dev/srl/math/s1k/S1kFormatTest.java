package dev.srl.math.s1k;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.data.Trajectory;
import dev.srl.core.io.DataFormatException;
import dev.srl.math.steps.NumberedStepSplitter;
import dev.srl.math.steps.ParagraphStepSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class S1kFormatTest {
    @TempDir
    Path dir;

    private Path write(String content) throws Exception {
        Path f = dir.resolve("s1k.jsonl");
        Files.writeString(f, content);
        return f;
    }

    /** Row 0 (fits), a science row without numbered steps (excluded), a row graded "No" that fits. */
    private Path threeRows() throws Exception {
        ObjectNode science = S1kRecords.row("What is the pH of pure water?", "7",
                "Pure water has equal H+ and OH- concentrations, so the pH is \\(\\boxed{7}\\).", "Yes", "pH 7", "Yes");
        science.put("cot_type", "science");
        ObjectNode wrong = S1kRecords.row("Compute 2+2.", "4",
                "We add.\n\n1. **Add**:\n   - 2 + 2 = 5\n\n2. **Check**:\n   - fine\n\nSo \\(\\boxed{5}\\).", "No",
                "1. **Add**: 2+2=4\n2. **Answer**: \\boxed{4}", "Yes");
        return write(S1kRecords.jsonl(S1kRecords.record0(), science, wrong));
    }

    private static List<Trajectory> read(S1kFormat f, Path file, long[] stats) throws Exception {
        List<Trajectory> out = new ArrayList<>();
        var s = f.readDetailed(file, false, out::add);
        stats[0] = s.read();
        stats[1] = s.excludedByFormat();
        stats[2] = s.excludedByGrade();
        return out;
    }

    @Test
    void readsRecord0AsThePaperDoes() throws Exception {
        long[] stats = new long[3];
        List<Trajectory> ts = read(new S1kFormat(), threeRows(), stats);
        assertArrayEquals(new long[]{2, 1, 0}, stats, "science row excluded, graded-No row kept without --graded-only");
        Trajectory t = ts.get(0);
        assertEquals("s1k-0", t.id());
        assertTrue(t.task().startsWith(S1kRecords.RECORD0_QUESTION + "\n\nGiven a rational number between 0 and 1"));
        assertEquals(4, t.steps().size());
        assertEquals(List.of("Prime Factorization of 20!", "Coprime Pairs", "Counting Pairs \\(a < b\\)", "Result"),
                t.steps().stream().map(s -> s.title()).toList());
        assertTrue(t.steps().get(3).action().endsWith("\\(\\boxed{128}\\)."));
        // every other column kept untouched, metadata as the opaque Python repr string
        assertEquals(S1kRecords.RECORD0_METADATA, t.metadata().get("metadata").textValue());
        assertEquals("128", t.metadata().get("solution").textValue());
        assertEquals("Yes", t.metadata().get("deepseek_grade").textValue());
        assertTrue(t.metadata().has("gemini_attempt"));
        assertFalse(t.metadata().has("question"));
        assertFalse(t.metadata().has("deepseek_attempt"));
        assertEquals(11, t.metadata().size());
        assertEquals("s1k-2", ts.get(1).id());
    }

    @Test
    void gradedOnlyAndOtherFields() throws Exception {
        long[] stats = new long[3];
        var graded = new S1kFormat(new S1kFormat.Options(SolutionField.DEEPSEEK_ATTEMPT, true,
                new NumberedStepSplitter(), S1kFormat.Preamble.DROP));
        List<Trajectory> ts = read(graded, threeRows(), stats);
        assertArrayEquals(new long[]{1, 1, 1}, stats);
        assertEquals(S1kRecords.RECORD0_QUESTION, ts.get(0).task(), "preamble dropped");

        var gemini = new S1kFormat(new S1kFormat.Options(SolutionField.GEMINI_ATTEMPT, true,
                new NumberedStepSplitter(), S1kFormat.Preamble.TASK));
        ts = read(gemini, threeRows(), stats);
        assertArrayEquals(new long[]{1, 2, 0}, stats, "only the third row's gemini attempt is numbered");
        assertEquals("Answer", ts.get(0).steps().get(1).title());
        assertTrue(ts.get(0).metadata().has("deepseek_attempt"));

        var paragraphs = new S1kFormat(new S1kFormat.Options(SolutionField.DEEPSEEK_ATTEMPT, false,
                new ParagraphStepSplitter(), S1kFormat.Preamble.TASK));
        ts = read(paragraphs, threeRows(), stats);
        assertArrayEquals(new long[]{2, 1, 0}, stats);
        assertEquals(6, ts.get(0).steps().size(), "preamble, 4 steps, conclusion");

        assertThrows(IllegalArgumentException.class, () -> new S1kFormat.Options(SolutionField.SOLUTION, true,
                new NumberedStepSplitter(), S1kFormat.Preamble.TASK));
        assertEquals(SolutionField.GEMINI_ATTEMPT, SolutionField.parse("gemini-attempt"));
    }

    @Test
    void errorsNameFileLineAndField() throws Exception {
        ObjectNode bad = S1kRecords.record0();
        bad.remove("deepseek_attempt");
        ObjectNode badGrade = S1kRecords.record0();
        badGrade.put("deepseek_grade", 1);
        Path f = write(S1kRecords.jsonl(S1kRecords.record0(), bad) + "{not json\n" + S1kRecords.jsonl(badGrade));
        var e = assertThrows(DataFormatException.class, () -> new S1kFormat().read(f, false, t -> { }));
        assertEquals(f + ":2: field 'deepseek_attempt': missing", e.getMessage());

        var graded = new S1kFormat(new S1kFormat.Options(SolutionField.DEEPSEEK_ATTEMPT, true,
                new NumberedStepSplitter(), S1kFormat.Preamble.TASK));
        var stats = graded.read(f, true, t -> { });
        assertEquals(1, stats.read());
        assertEquals(3, stats.skipped(), "missing field, malformed JSON, non-string grade");
        assertEquals("s1k", graded.name());
    }
}
