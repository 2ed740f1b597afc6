package dev.srl.math.steps;

import dev.srl.core.data.Step;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class NumberedStepSplitterTest {

    static final String ATTEMPT = """
            Given a rational number between 0 and 1, we need the product \\(a \\times b = 20!\\).

            1. **Prime Factorization of 20!**:
               - The prime factors of 20! are 2, 3, 5, 7, 11, 13, 17, and 19.

            2. **Coprime Pairs**:
               - This results in \\(2^8 = 256\\) coprime pairs \\((a, b)\\).
               1. **Not a step**: an indented numbered item stays inside step 2.

            3. **Result**:
               - The number of pairs with \\(a < b\\) is \\(\\frac{256}{2} = 128\\).

            Thus, the answer is \\(\\boxed{128}\\).""";

    @Test
    void splitsNumberedBoldSteps() {
        StepSplit s = new NumberedStepSplitter().split(ATTEMPT);
        assertTrue(s.ok(), s.rejection());
        assertEquals("Given a rational number between 0 and 1, we need the product \\(a \\times b = 20!\\).", s.preamble());
        assertEquals(3, s.steps().size());
        assertEquals("Prime Factorization of 20!", s.steps().get(0).title());
        assertEquals("Coprime Pairs", s.steps().get(1).title());
        assertEquals("""
                1. **Prime Factorization of 20!**:
                   - The prime factors of 20! are 2, 3, 5, 7, 11, 13, 17, and 19.""", s.steps().get(0).action());
        assertTrue(s.steps().get(1).action().contains("1. **Not a step**"));
        Step last = s.steps().get(2);
        assertTrue(last.action().startsWith("3. **Result**:"));
        assertTrue(last.action().endsWith("\\(\\boxed{128}\\)."), "conclusion attached to the last step by default");
    }

    @Test
    void conclusionCanBeItsOwnStep() {
        StepSplit s = new NumberedStepSplitter(NumberedStepSplitter.Conclusion.OWN_STEP).split(ATTEMPT);
        assertEquals(4, s.steps().size());
        assertEquals("Thus, the answer is \\(\\boxed{128}\\).", s.steps().get(3).action());
        assertNull(s.steps().get(3).title());
        assertTrue(s.steps().get(2).action().endsWith("= 128\\)."));
    }

    @Test
    void noConclusionMeansNoExtraStep() {
        String text = "1. **Add**: 2 + 3 = 5\n2. **Double**: 5 * 2 = 10\n   - done\n";
        StepSplit s = new NumberedStepSplitter(NumberedStepSplitter.Conclusion.OWN_STEP).split(text);
        assertEquals(2, s.steps().size());
        assertEquals("", s.preamble());
        assertEquals("2. **Double**: 5 * 2 = 10\n   - done", s.steps().get(1).action());
    }

    @Test
    void rewriteTemplateWithColonInsideBoldAndSolutionLabel() {
        String text = "SOLUTION:\n1. **Factor the number:** 20! has 8 primes.\n2. **Count pairs** 2^8/2 = 128.";
        StepSplit s = new NumberedStepSplitter().split(text);
        assertTrue(s.ok());
        assertEquals("", s.preamble());
        assertEquals("Factor the number", s.steps().get(0).title());
        assertEquals("Count pairs", s.steps().get(1).title());
        assertEquals("2. **Count pairs** 2^8/2 = 128.", s.steps().get(1).action());
    }

    @Test
    void rejectsTextsThatDoNotFit() {
        var splitter = new NumberedStepSplitter();
        assertFalse(splitter.split("The answer is \\boxed{5}.").ok(), "no steps");
        assertFalse(splitter.split("1. **Only**: one step\n\nSo \\boxed{1}.").ok(), "one step");
        assertTrue(splitter.split("1. **A**: x\n3. **B**: y").rejection().contains("[1, 3]"), "gap");
        assertFalse(splitter.split("2. **A**: x\n3. **B**: y").ok(), "does not start at 1");
        assertFalse(splitter.split("1. **A**: x\n2. **B**: y\n2. **C**: z").ok(), "repeated number");
        assertFalse(splitter.split("1. Plain title\n2. Another plain title").ok(), "titles must be bold");
        assertFalse(splitter.split("   1. **A**: x\n   2. **B**: y").ok(), "indented items are sub-items");
    }

    @Test
    void paragraphSplitter() {
        StepSplit s = new ParagraphStepSplitter().split("First add.\n\n  \nThen divide.\r\n\r\nDone: \\boxed{2}.");
        assertEquals(3, s.steps().size());
        assertEquals("Then divide.", s.steps().get(1).action());
        assertNull(s.steps().get(0).title());
        assertFalse(new ParagraphStepSplitter().split("one paragraph only").ok());
    }
}
