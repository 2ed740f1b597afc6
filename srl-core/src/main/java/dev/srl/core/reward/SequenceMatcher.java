package dev.srl.core.reward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * CPython's {@code difflib.SequenceMatcher} (3.11) ported exactly, over Unicode code points: a string is
 * split into code points (as {@link String#codePoints()} does), so a character outside the Basic Multilingual Plane (an emoji,
 * 𝔸) is one element, exactly as in Python, and never two UTF-16 units.
 *
 * <p>Everything that decides a score follows CPython: the {@code b2j} index of the second sequence; junk
 * elements (an optional predicate, Python's {@code isjunk}); "popular" elements under the {@code autojunk}
 * heuristic (when {@code len(b) >= 200}, an element that occurs more than {@code len(b) // 100 + 1} times
 * is left out of the index); {@link #findLongestMatch}'s tie rules (the longest block, then the earliest
 * in {@code a}, then the earliest in {@code b}) and its extension of the block over equal elements at both
 * ends; {@link #matchingBlocks()}'s divide-and-conquer and the merge of adjacent blocks; and
 * {@link #ratio()} {@code = 2M/T}, {@code 1.0} when both sequences are empty. Results equal CPython's bit
 * for bit; a test checks that against {@code python3} on thousands of generated pairs.
 *
 * <h2>Why the default is {@code autojunk = false}</h2>
 * Python's default is {@code autojunk=True}. With it, once the second string has 200 or more characters,
 * every character occurring more than 1% of the time (spaces, {@code e}, {@code t}, digits…) stops seeding
 * matches, and the ratio of two long, clearly similar steps collapses (two paraphrased 250-character math
 * steps: 0.088 with autojunk against 0.587 without), and becomes asymmetric in the argument order. A step
 * reward should not jump when a step crosses 200 characters. SWE-RL's reference reward, which SRL's reward
 * follows, uses {@code autojunk=False}; the SRL paper does not say which setting it used. So
 * {@link #DEFAULT_AUTOJUNK} is {@code false}, and Python's behaviour is one switch away
 * ({@link #PYTHON_AUTOJUNK}).
 *
 * <pre>{@code
 * double r = SequenceMatcher.ratio("x = 3 + 4", "x = 4 + 3", false);          // 0.777…
 * var m = new SequenceMatcher("abxcd", "abcd", true);
 * m.matchingBlocks();   // [Match[a=0, b=0, size=2], Match[a=3, b=2, size=2], Match[a=5, b=4, size=0]]
 * }</pre>
 *
 * <p>An instance is not thread-safe (it reuses work arrays between calls); it is cheap to create one per pair.
 */
public final class SequenceMatcher {

    /** This library's default: no autojunk heuristic (see the class comment for why). */
    public static final boolean DEFAULT_AUTOJUNK = false;

    /** Python's default, {@code SequenceMatcher(None, a, b)}: the autojunk heuristic is on. */
    public static final boolean PYTHON_AUTOJUNK = true;

    /** A matching block: {@code a[a .. a+size) == b[b .. b+size)}, as Python's {@code Match(a, b, size)}. */
    public record Match(int a, int b, int size) {
    }

    private final int[] a;
    private final int[] b;
    // b2j in compressed form: the positions in b of index entry e are positions[start[e] .. start[e+1]),
    // ascending; aEntry[i] is the entry of a[i], or -1 when a[i] is absent from b2j (not in b, junk or popular).
    private final int[] aEntry;
    private final int[] start;
    private final int[] positions;
    // Python's bjunk, per position of b; null when there is no junk predicate (bjunk is then empty).
    private final boolean[] junkAt;

    // Python's j2len / newj2len dictionaries as arrays indexed by j + 1. An entry is present only if its
    // stamp equals the stamp of the row that wrote it, so nothing is ever cleared between rows or calls.
    private int[] prevLen, prevStamp, curLen, curStamp;
    private int stamp;
    private int foundI, foundJ, foundSize;

    private List<Match> matchingBlocks;

    /** Compares two strings code point by code point, without a junk predicate. */
    public SequenceMatcher(String a, String b, boolean autojunk) {
        this(codePoints(a), codePoints(b), null, autojunk);
    }

    /** Compares two strings with this library's default, {@code autojunk = false}. */
    public SequenceMatcher(String a, String b) {
        this(a, b, DEFAULT_AUTOJUNK);
    }

    /**
     * The general form, as {@code SequenceMatcher(isjunk, a, b, autojunk)}: elements are ints (code points,
     * token ids…); the arrays are not copied and must not change while the matcher is in use.
     *
     * @param isJunk   Python's {@code isjunk}, asked once per distinct element of {@code b}; {@code null} for none
     * @param autojunk whether to apply the popular-element heuristic
     */
    public SequenceMatcher(int[] a, int[] b, IntPredicate isJunk, boolean autojunk) {
        this.a = a;
        this.b = b;
        int n = b.length;

        // Index b's distinct elements: entry number per position, and how often each occurs.
        ElementIds ids = new ElementIds(n);
        int[] entryAt = new int[n];
        int[] count = new int[n + 1];
        for (int j = 0; j < n; j++) {
            int e = ids.add(b[j]);
            entryAt[j] = e;
            count[e]++;
        }
        int entries = ids.size();
        boolean[] removed = new boolean[entries];
        boolean[] junkEntry = null;
        if (isJunk != null) {
            junkEntry = new boolean[entries];
            int[] keys = ids.keys();
            for (int e = 0; e < entries; e++) {
                if (isJunk.test(keys[e])) {
                    junkEntry[e] = true;
                    removed[e] = true;
                }
            }
        }
        if (autojunk && n >= 200) {
            int ntest = n / 100 + 1;
            for (int e = 0; e < entries; e++) {
                if (count[e] > ntest) removed[e] = true;
            }
        }

        start = new int[entries + 1];
        for (int e = 0; e < entries; e++) start[e + 1] = start[e] + count[e];
        positions = new int[n];
        int[] fill = Arrays.copyOf(start, entries);
        for (int j = 0; j < n; j++) positions[fill[entryAt[j]]++] = j;

        if (junkEntry != null) {
            junkAt = new boolean[n];
            for (int j = 0; j < n; j++) junkAt[j] = junkEntry[entryAt[j]];
        } else {
            junkAt = null;
        }

        aEntry = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            int e = ids.idOf(a[i]);
            aEntry[i] = e >= 0 && !removed[e] ? e : -1;
        }
    }

    /** The code points of {@code s}, as Python sees the elements of a str (a lone surrogate is one element). */
    public static int[] codePoints(String s) {
        int n = s.length();
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < n; ) {
            char c = s.charAt(i++);
            if (Character.isHighSurrogate(c) && i < n && Character.isLowSurrogate(s.charAt(i))) {
                out[k++] = Character.toCodePoint(c, s.charAt(i++));
            } else {
                out[k++] = c;
            }
        }
        return k == n ? out : Arrays.copyOf(out, k);
    }

    /** {@code SequenceMatcher(None, a, b, autojunk=autojunk).ratio()}. */
    public static double ratio(String a, String b, boolean autojunk) {
        return new SequenceMatcher(a, b, autojunk).ratio();
    }

    /** The number of elements of {@code a}. */
    public int lengthA() { return a.length; }

    /** The number of elements of {@code b}. */
    public int lengthB() { return b.length; }

    /** {@code find_longest_match()} over both whole sequences. */
    public Match findLongestMatch() {
        return findLongestMatch(0, a.length, 0, b.length);
    }

    /**
     * The longest matching block in {@code a[alo:ahi]} and {@code b[blo:bhi]}, as Python's
     * {@code find_longest_match}: of the longest blocks free of junk and popular elements, the one starting
     * earliest in {@code a}, then earliest in {@code b}; then extended over equal non-junk elements (popular
     * ones included) and then over equal junk elements at both ends. {@code (alo, blo, 0)} when nothing matches.
     */
    public Match findLongestMatch(int alo, int ahi, int blo, int bhi) {
        if (alo < 0 || ahi > a.length || alo > ahi || blo < 0 || bhi > b.length || blo > bhi) {
            throw new IndexOutOfBoundsException("bad ranges a[" + alo + ":" + ahi + "] b[" + blo + ":" + bhi + "]");
        }
        longest(alo, ahi, blo, bhi);
        return new Match(foundI, foundJ, foundSize);
    }

    /**
     * {@code get_matching_blocks()}: the non-overlapping matching blocks in increasing order, adjacent blocks
     * merged, ending with the sentinel {@code (len(a), len(b), 0)}. Computed once and cached.
     */
    public List<Match> matchingBlocks() {
        if (matchingBlocks == null) {
            int[] raw = rawBlocks();
            int count = raw[0];
            long[] sorted = new long[count];
            // Blocks never overlap in a, so sorting by a equals Python's sort of (a, b, size) tuples.
            for (int k = 0; k < count; k++) sorted[k] = ((long) raw[1 + 3 * k] << 32) | k;
            Arrays.sort(sorted);
            List<Match> out = new ArrayList<>();
            int i1 = 0, j1 = 0, k1 = 0;
            for (long key : sorted) {
                int k = (int) key;
                int i2 = raw[1 + 3 * k], j2 = raw[2 + 3 * k], k2 = raw[3 + 3 * k];
                if (i1 + k1 == i2 && j1 + k1 == j2) {
                    k1 += k2;
                } else {
                    if (k1 != 0) out.add(new Match(i1, j1, k1));
                    i1 = i2;
                    j1 = j2;
                    k1 = k2;
                }
            }
            if (k1 != 0) out.add(new Match(i1, j1, k1));
            out.add(new Match(a.length, b.length, 0));
            matchingBlocks = List.copyOf(out);
        }
        return matchingBlocks;
    }

    /** The number of matched elements M: the sum of the matching blocks' sizes. */
    public int matches() {
        if (matchingBlocks != null) {
            int m = 0;
            for (Match x : matchingBlocks) m += x.size();
            return m;
        }
        int[] raw = rawBlocks();
        int m = 0;
        for (int k = 0; k < raw[0]; k++) m += raw[3 + 3 * k];
        return m;
    }

    /** {@code ratio()}: 2M / T with T = len(a) + len(b), and 1.0 when both are empty. */
    public double ratio() {
        int total = a.length + b.length;
        return total == 0 ? 1.0 : 2.0 * matches() / total;
    }

    /**
     * The blocks found by Python's work queue, unsorted and unmerged: {@code [count, a0, b0, n0, a1, …]}.
     * The queue is a stack as in CPython (the right part is done before the left); the order does not change
     * the set of blocks, but keeping it makes the port easy to compare line by line.
     */
    private int[] rawBlocks() {
        int[] queue = new int[64];
        int top = 0;
        queue[top++] = 0;
        queue[top++] = a.length;
        queue[top++] = 0;
        queue[top++] = b.length;
        int[] blocks = new int[1 + 3 * 8];
        int count = 0;
        while (top > 0) {
            int bhi = queue[--top], blo = queue[--top], ahi = queue[--top], alo = queue[--top];
            longest(alo, ahi, blo, bhi);
            int i = foundI, j = foundJ, k = foundSize;
            if (k == 0) continue;
            if (1 + 3 * (count + 1) > blocks.length) blocks = Arrays.copyOf(blocks, blocks.length * 2);
            blocks[1 + 3 * count] = i;
            blocks[2 + 3 * count] = j;
            blocks[3 + 3 * count] = k;
            count++;
            if (top + 8 > queue.length) queue = Arrays.copyOf(queue, queue.length * 2);
            if (alo < i && blo < j) {
                queue[top++] = alo;
                queue[top++] = i;
                queue[top++] = blo;
                queue[top++] = j;
            }
            if (i + k < ahi && j + k < bhi) {
                queue[top++] = i + k;
                queue[top++] = ahi;
                queue[top++] = j + k;
                queue[top++] = bhi;
            }
        }
        blocks[0] = count;
        return blocks;
    }

    /**
     * {@code find_longest_match(alo, ahi, blo, bhi)}, leaving its result in {@link #foundI}, {@link #foundJ}
     * and {@link #foundSize} (no allocation in the hot loop).
     */
    private void longest(int alo, int ahi, int blo, int bhi) {
        ensureWorkArrays(ahi - alo);
        int besti = alo, bestj = blo, bestsize = 0;
        // One extra tick so that the first row cannot see the previous call's last row.
        int s = ++stamp;
        int[] pLen = prevLen, pStamp = prevStamp, cLen = curLen, cStamp = curStamp;
        for (int i = alo; i < ahi; i++) {
            s++;
            int[] t = pLen; pLen = cLen; cLen = t;
            t = pStamp; pStamp = cStamp; cStamp = t;
            int e = aEntry[i];
            if (e < 0) continue;
            int p = start[e], end = start[e + 1];
            if (blo > 0) p = lowerBound(positions, p, end, blo);
            int previous = s - 1;
            for (; p < end; p++) {
                int j = positions[p];
                if (j >= bhi) break;
                // j2len.get(j - 1, 0) + 1, with j2len's key j - 1 stored at index j.
                int k = (pStamp[j] == previous ? pLen[j] : 0) + 1;
                cLen[j + 1] = k;
                cStamp[j + 1] = s;
                if (k > bestsize) {
                    besti = i - k + 1;
                    bestj = j - k + 1;
                    bestsize = k;
                }
            }
        }
        stamp = s;
        prevLen = pLen; prevStamp = pStamp; curLen = cLen; curStamp = cStamp;

        // Extend over equal elements that are not junk (popular ones included, as in CPython), then over junk.
        boolean[] junk = junkAt;
        while (besti > alo && bestj > blo && (junk == null || !junk[bestj - 1]) && a[besti - 1] == b[bestj - 1]) {
            besti--;
            bestj--;
            bestsize++;
        }
        while (besti + bestsize < ahi && bestj + bestsize < bhi && (junk == null || !junk[bestj + bestsize])
                && a[besti + bestsize] == b[bestj + bestsize]) {
            bestsize++;
        }
        if (junk != null) {
            while (besti > alo && bestj > blo && junk[bestj - 1] && a[besti - 1] == b[bestj - 1]) {
                besti--;
                bestj--;
                bestsize++;
            }
            while (besti + bestsize < ahi && bestj + bestsize < bhi && junk[bestj + bestsize]
                    && a[besti + bestsize] == b[bestj + bestsize]) {
                bestsize++;
            }
        }
        foundI = besti;
        foundJ = bestj;
        foundSize = bestsize;
    }

    private void ensureWorkArrays(int rows) {
        if (prevLen == null) {
            int n = b.length + 1;
            prevLen = new int[n];
            curLen = new int[n];
            prevStamp = new int[n];
            curStamp = new int[n];
            Arrays.fill(prevStamp, Integer.MIN_VALUE);
            Arrays.fill(curStamp, Integer.MIN_VALUE);
            stamp = 0;
        } else if (stamp > Integer.MAX_VALUE - rows - 4) {
            // Stamps would wrap around: forget every entry and start counting again.
            Arrays.fill(prevStamp, Integer.MIN_VALUE);
            Arrays.fill(curStamp, Integer.MIN_VALUE);
            stamp = 0;
        }
    }

    /** The first index in {@code sorted[from, to)} whose value is at least {@code key}. */
    private static int lowerBound(int[] sorted, int from, int to, int key) {
        int lo = from, hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** Dense ids for the distinct elements of b: a table for ASCII, open addressing for everything else. */
    private static final class ElementIds {
        private final int[] ascii = new int[128];
        private int[] hashKeys;
        private int[] hashIds;
        private int[] keys;
        private int size;
        private int hashCount;

        ElementIds(int expected) {
            Arrays.fill(ascii, -1);
            keys = new int[Math.max(4, expected)];
        }

        int size() { return size; }

        int[] keys() { return keys; }

        int idOf(int key) {
            if (key >= 0 && key < 128) return ascii[key];
            if (hashKeys == null) return -1;
            int mask = hashKeys.length - 1;
            for (int h = mix(key) & mask; ; h = (h + 1) & mask) {
                int id = hashIds[h];
                if (id < 0) return -1;
                if (hashKeys[h] == key) return id;
            }
        }

        int add(int key) {
            if (key >= 0 && key < 128) {
                int id = ascii[key];
                if (id < 0) id = ascii[key] = newId(key);
                return id;
            }
            if (hashKeys == null) {
                hashKeys = new int[16];
                hashIds = new int[16];
                Arrays.fill(hashIds, -1);
            }
            int mask = hashKeys.length - 1;
            int h = mix(key) & mask;
            while (hashIds[h] >= 0) {
                if (hashKeys[h] == key) return hashIds[h];
                h = (h + 1) & mask;
            }
            int id = newId(key);
            hashKeys[h] = key;
            hashIds[h] = id;
            if (++hashCount * 2 > hashKeys.length) grow();
            return id;
        }

        private int newId(int key) {
            if (size == keys.length) keys = Arrays.copyOf(keys, size * 2);
            keys[size] = key;
            return size++;
        }

        private void grow() {
            int[] oldKeys = hashKeys, oldIds = hashIds;
            hashKeys = new int[oldKeys.length * 2];
            hashIds = new int[oldKeys.length * 2];
            Arrays.fill(hashIds, -1);
            int mask = hashKeys.length - 1;
            for (int s = 0; s < oldKeys.length; s++) {
                if (oldIds[s] < 0) continue;
                int h = mix(oldKeys[s]) & mask;
                while (hashIds[h] >= 0) h = (h + 1) & mask;
                hashKeys[h] = oldKeys[s];
                hashIds[h] = oldIds[s];
            }
        }

        private static int mix(int key) {
            int h = key * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
