package dev.srl.core.reward;

import dev.srl.core.reward.SequenceMatcher.Match;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Values worked out by hand or taken from CPython's difflib documentation. */
class SequenceMatcherTest {

    @Test
    void matchingBlocksMergeAndEndWithTheSentinel() {
        var m = new SequenceMatcher("abxcd", "abcd", true);
        assertEquals(List.of(new Match(0, 0, 2), new Match(3, 2, 2), new Match(5, 4, 0)), m.matchingBlocks());
        assertSame(m.matchingBlocks(), m.matchingBlocks());
        assertEquals(2.0 * 4 / 9, m.ratio());
    }

    @Test
    void longestMatchPrefersTheEarliestInAThenInB() {
        var m = new SequenceMatcher(" abcd", "abcd abcd", false);
        assertEquals(new Match(0, 4, 5), m.findLongestMatch(0, 5, 0, 9));
        // "ab" occurs twice in b: the earliest j wins.
        assertEquals(new Match(0, 0, 2), new SequenceMatcher("ab", "abab", false).findLongestMatch());
        // Two maximal blocks of equal size: the one earliest in a wins.
        assertEquals(new Match(0, 2, 2), new SequenceMatcher("xyab", "abxy", false).findLongestMatch());
    }

    @Test
    void junkIsNotSeededButExtendedOver() {
        int[] a = " abcd".codePoints().toArray();
        int[] b = "abcd abcd".codePoints().toArray();
        var m = new SequenceMatcher(a, b, c -> c == ' ', false);
        assertEquals(new Match(1, 0, 4), m.findLongestMatch(0, 5, 0, 9));

        int[] x = "private Thread currentThread;".codePoints().toArray();
        int[] y = "private volatile Thread currentThread;".codePoints().toArray();
        var s = new SequenceMatcher(x, y, c -> c == ' ', false);
        assertEquals(List.of(new Match(0, 0, 8), new Match(8, 17, 21), new Match(29, 38, 0)), s.matchingBlocks());
        assertEquals(0.8656716417910447, s.ratio());
    }

    @Test
    void noMatchGivesTheLowCorner() {
        assertEquals(new Match(0, 0, 0), new SequenceMatcher("ab", "c", false).findLongestMatch(0, 2, 0, 1));
        assertEquals(new Match(1, 0, 0), new SequenceMatcher("ab", "c", false).findLongestMatch(1, 2, 0, 1));
        assertEquals(0.0, SequenceMatcher.ratio("ab", "c", false));
    }

    @Test
    void ratioEdgeCases() {
        assertEquals(1.0, SequenceMatcher.ratio("", "", true));
        assertEquals(0.0, SequenceMatcher.ratio("", "abc", true));
        assertEquals(0.0, SequenceMatcher.ratio("abc", "", false));
        assertEquals(0.75, SequenceMatcher.ratio("abcd", "bcde", false));
        assertEquals(0.7777777777777778, SequenceMatcher.ratio("x = 3 + 4", "x = 4 + 3", false));
        assertEquals(List.of(new Match(0, 0, 0)), new SequenceMatcher("", "").matchingBlocks());
    }

    @Test
    void elementsAreCodePointsNotUtf16Units() {
        // 𝔸 is one element: 2*1/(2+2); counted as UTF-16 units it would be 2*2/(3+3).
        assertEquals(0.5, SequenceMatcher.ratio("𝔸b", "𝔸c", false));
        var m = new SequenceMatcher("😀x", "y😀", false);
        assertEquals(List.of(new Match(0, 1, 1), new Match(2, 2, 0)), m.matchingBlocks());
        assertEquals(2, m.lengthA());
    }

    @Test
    void manyDistinctElements() {
        StringBuilder forward = new StringBuilder();
        for (int cp = 0x4E00; cp < 0x4E00 + 1000; cp++) forward.appendCodePoint(cp);
        for (int cp = 0x1D400; cp < 0x1D400 + 500; cp++) forward.appendCodePoint(cp);
        String b = forward.toString();
        String a = new StringBuilder(b).reverse().toString();   // reverse() keeps surrogate pairs together
        assertEquals(1.0, SequenceMatcher.ratio(b, b, true));
        // All elements distinct: the first match is a[0] with b's last element, and nothing is left on either side.
        var m = new SequenceMatcher(a, b, false);
        assertEquals(List.of(new Match(0, 1499, 1), new Match(1500, 1500, 0)), m.matchingBlocks());
        assertEquals(2.0 / 3000, m.ratio());
    }

    @Test
    void codePointsAgreeWithTheJdk() {
        for (String s : new String[]{"", "abc", "𝔸😀x", "\ud800", "x\udc00", "\ud800\ud800\udc00", "a\ud83d", "\udc00\ud800"}) {
            assertArrayEquals(s.codePoints().toArray(), SequenceMatcher.codePoints(s), s);
        }
    }

    @Test
    void autojunkStartsAt200ElementsOfB() {
        // b of 199 elements: no heuristic, 198 of the 'a's match.
        assertEquals(0.9949748743718593, SequenceMatcher.ratio("b" + "a".repeat(198), "a".repeat(199), true));
        // b of 200: 'a' occurs more than 200//100+1 = 3 times, is popular, and nothing seeds a match.
        assertEquals(0.0, SequenceMatcher.ratio("b" + "a".repeat(199), "a".repeat(200), true));
        assertEquals(0.995, SequenceMatcher.ratio("b" + "a".repeat(199), "a".repeat(200), false));
        // ...but CPython still extends the empty match at (0, 0) over equal popular elements.
        assertEquals(1.0, SequenceMatcher.ratio("a".repeat(200), "a".repeat(200), true));
        // 150 emoji are 300 UTF-16 units but 150 elements: below the threshold.
        assertEquals(300.0 / 302, SequenceMatcher.ratio("x" + "😀".repeat(150), "😀".repeat(150) + "y", true));
    }

    @Test
    void defaultIsNoAutojunk() {
        String a = "b" + "a".repeat(199), b = "a".repeat(200);
        assertEquals(SequenceMatcher.ratio(a, b, false), new SequenceMatcher(a, b).ratio());
        assertEquals(false, SequenceMatcher.DEFAULT_AUTOJUNK);
    }

    @Test
    void rangesAreChecked() {
        var m = new SequenceMatcher("abc", "abc", false);
        assertThrows(IndexOutOfBoundsException.class, () -> m.findLongestMatch(0, 4, 0, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> m.findLongestMatch(2, 1, 0, 3));
    }

    @Test
    void repeatedCallsOnOneMatcherAgree() {
        var m = new SequenceMatcher("the cat sat on the mat", "a cat sat on a mat", false);
        Match first = m.findLongestMatch();
        for (int k = 0; k < 5; k++) {
            m.findLongestMatch(0, 10, 0, 10);
            assertEquals(first, m.findLongestMatch());
        }
        assertEquals(new Match(3, 1, 12), first);
    }
}
