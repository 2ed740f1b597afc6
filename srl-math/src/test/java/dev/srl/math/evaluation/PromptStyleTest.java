package dev.srl.math.evaluation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptStyleTest {
    @Test
    void savedStyleReadsBackAndAFolderWithoutOneFollowsItsTokenizer(@TempDir Path dir) throws Exception {
        assertEquals(PromptStyle.COMPACT_STEPS, PromptStyle.of(dir, StepwiseSolverTest.TOK));
        PromptStyle.CHATML.save(dir);
        assertEquals(PromptStyle.CHATML, PromptStyle.of(dir, StepwiseSolverTest.TOK));
        PromptStyle.COMPACT_STEPS.save(dir);
        assertEquals("{\"prompt_style\": \"compact-steps\"}\n", Files.readString(dir.resolve(PromptStyle.FILE)));
        assertEquals(PromptStyle.COMPACT_STEPS, PromptStyle.of(dir, null));
    }

    @Test
    void badFilesNameTheFileAndField(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(PromptStyle.FILE), "{\"prompt_style\": \"llama\"}");
        var e = assertThrows(IllegalArgumentException.class, () -> PromptStyle.of(dir, StepwiseSolverTest.TOK));
        assertTrue(e.getMessage().contains("srl.json: prompt_style: unknown prompt_style 'llama'"), e.getMessage());
        Files.writeString(dir.resolve(PromptStyle.FILE), "{\"prompt_style\": 3}");
        e = assertThrows(IllegalArgumentException.class, () -> PromptStyle.of(dir, StepwiseSolverTest.TOK));
        assertTrue(e.getMessage().contains("prompt_style: expected a string"), e.getMessage());
    }
}
