package dev.srl.core.reward;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link SequenceMatcher} against CPython's difflib on generated pairs: ratios bit for bit, blocks identical. */
class SequenceMatcherCrossCheckTest {
    private static final List<SimilarityPairs.Pair> PAIRS = SimilarityPairs.crossCheck(20251025L, 1500);

    @BeforeAll
    static void needsPython() {
        assumeTrue(PythonDifflib.available(), "python3 is not installed; skipping the difflib cross-check");
    }

    @ParameterizedTest(name = "autojunk={0}")
    @ValueSource(booleans = {true, false})
    void equalsCpython(boolean autojunk) throws Exception {
        List<PythonDifflib.Result> python = PythonDifflib.check(PAIRS, autojunk);
        int differentRatios = 0;
        for (int k = 0; k < PAIRS.size(); k++) {
            SimilarityPairs.Pair p = PAIRS.get(k);
            var m = new SequenceMatcher(p.a(), p.b(), autojunk);
            PythonDifflib.Result expected = python.get(k);
            if (!expected.blocks().equals(m.matchingBlocks())
                    || Double.doubleToRawLongBits(expected.ratio()) != Double.doubleToRawLongBits(m.ratio())) {
                fail("pair " + k + " differs: a=" + p.a() + " b=" + p.b() + "\npython " + expected + "\njava "
                        + m.ratio() + " " + m.matchingBlocks());
            }
            if (SequenceMatcher.ratio(p.a(), p.b(), !autojunk) != m.ratio()) differentRatios++;
        }
        // The generator must actually exercise the heuristic, or the autojunk=true run proves little.
        assertEquals(true, differentRatios > 50, "pairs where autojunk changes the ratio: " + differentRatios);
    }

    /** Python's isjunk path (junk left out of b2j, then extended over at both ends of a match). */
    @ParameterizedTest(name = "autojunk={0}, isjunk=blank")
    @ValueSource(booleans = {true, false})
    void equalsCpythonWithJunk(boolean autojunk) throws Exception {
        String junk = " \n=";
        List<SimilarityPairs.Pair> pairs = PAIRS.subList(0, 400);
        List<PythonDifflib.Result> python = PythonDifflib.check(pairs, autojunk, junk);
        for (int k = 0; k < pairs.size(); k++) {
            SimilarityPairs.Pair p = pairs.get(k);
            var m = new SequenceMatcher(p.a().codePoints().toArray(), p.b().codePoints().toArray(),
                    c -> junk.indexOf(c) >= 0, autojunk);
            assertEquals(python.get(k).blocks(), m.matchingBlocks(), "pair " + k);
            assertEquals(Double.doubleToRawLongBits(python.get(k).ratio()), Double.doubleToRawLongBits(m.ratio()), "pair " + k);
        }
    }
}
