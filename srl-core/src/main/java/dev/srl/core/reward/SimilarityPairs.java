package dev.srl.core.reward;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic generators of string pairs for checking and timing {@link SequenceMatcher}: the cross-check
 * test and {@code srl bench similarity} share them, so the benchmark times the kind of input the test proves
 * exact. The same seed always gives the same pairs.
 *
 * <pre>{@code
 * List<SimilarityPairs.Pair> pairs = SimilarityPairs.realistic(42, 1000);   // action vs expert step, 50–600 chars
 * }</pre>
 */
public final class SimilarityPairs {

    /** Two strings to compare: {@code a} plays the model's action, {@code b} the expert's step. */
    public record Pair(String a, String b) {
    }

    private static final String[] MATH = {
            "Let", "the", "number", "of", "pairs", "be", "so", "we", "have", "Step", "Compute", "Substitute",
            "into", "equation", "therefore", "Simplify", "both", "sides", "and", "get", "coprime", "divisors",
            "$x$", "$y$", "$n$", "$x^2 + y^2 = 25$", "$\\frac{a}{b}$", "$\\sqrt{2}$", "\\cdot", "=", "+", "-",
            "$\\binom{n}{k}$", "$\\gcd(a, b) = 1$", "\\boxed{42}", "$2^{10}$", "(mod 7)", "1.", "2.", "3.",
            "**Get Coprime Pairs**:", "**Count Solutions**:", "$\\sum_{i=1}^{n} i$", "\\le", "\\ge", "$\\pi r^2$",
    };
    private static final String[] SHELL = {
            "cd /testbed", "ls -la", "grep -rn \"def parse\" src/", "python -m pytest tests/test_io.py::test_read -x",
            "sed -i 's/old/new/g' setup.py", "cat -n django/db/models/query.py", "git diff", "find . -name '*.py'",
            "str_replace_editor view /testbed/sympy/core/add.py", "&&", "|", "head -n 50", "python reproduce.py",
            "str_replace_editor str_replace /testbed/a.py --old_str 'return x' --new_str 'return x + 1'",
            "echo $?", "pip install -e .", "--view_range [10, 40]", "2>&1", "tail -n 20", "wc -l",
    };
    private static final String[] EXOTIC = {
            "😀", "𝔸", "𝕏", "🚀", "👍🏽", "数学", "é", "ß", "∑", "→", "≤", "𝒩(0, 1)", "🙂🙂", "ℝ", "λ", "Ω",
    };

    private SimilarityPairs() {
    }

    /**
     * Pairs that resemble SRL's use: an expert step of 50–600 characters (math with LaTeX, or shell and
     * editor commands) and an action made from it by random edits, from near copies to rewrites.
     */
    public static List<Pair> realistic(long seed, int count) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Pair> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            String[] pool = rnd.nextInt(3) == 0 ? SHELL : MATH;
            String expert = text(rnd, pool, 50 + rnd.nextInt(551), 0.02);
            String action = mutate(rnd, expert, pool, rnd.nextDouble() * 0.5);
            out.add(new Pair(action, expert));
        }
        return out;
    }

    /**
     * A wide mix for exactness checks: ASCII, LaTeX, shell commands, non-BMP characters, lone surrogates,
     * repeated characters, small alphabets, empty strings, and second strings of exactly 199, 200, 201 and
     * 500+ code points around the autojunk threshold (also where UTF-16 length and code-point length sit on
     * different sides of it).
     */
    public static List<Pair> crossCheck(long seed, int count) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Pair> out = new ArrayList<>(count);
        out.add(new Pair("", ""));
        out.add(new Pair("", "abc"));
        out.add(new Pair("abc", ""));
        out.add(new Pair("a".repeat(200), "a".repeat(200)));
        out.add(new Pair("a".repeat(250), "a".repeat(199) + "b"));
        out.add(new Pair("ab".repeat(150), "ba".repeat(101)));
        out.add(new Pair("😀".repeat(150), "😀".repeat(150)));
        out.add(new Pair("\ud800x", "x\ud800"));
        int[] thresholdLengths = {1, 5, 50, 198, 199, 200, 201, 202, 250, 300, 500, 700};
        while (out.size() < count) {
            int kind = rnd.nextInt(9);
            String b;
            String a;
            switch (kind) {
                case 0 -> { // around the threshold, realistic text
                    int len = thresholdLengths[rnd.nextInt(thresholdLengths.length)];
                    String[] pool = rnd.nextBoolean() ? MATH : SHELL;
                    b = exactLength(rnd, pool, len, 0.05);
                    a = mutate(rnd, b, pool, rnd.nextDouble() * 0.6);
                }
                case 1 -> { // repeated characters and tiny alphabets: many ties and popular elements
                    String alphabet = switch (rnd.nextInt(4)) {
                        case 0 -> "a";
                        case 1 -> "ab";
                        case 2 -> "ab ";
                        default -> "abc😀";
                    };
                    b = randomOver(rnd, alphabet, thresholdLengths[rnd.nextInt(thresholdLengths.length)]);
                    a = rnd.nextBoolean() ? randomOver(rnd, alphabet, rnd.nextInt(260))
                            : mutate(rnd, b, new String[]{alphabet}, rnd.nextDouble() * 0.3);
                }
                case 2 -> { // non-BMP heavy, code points and UTF-16 units on different sides of 200
                    b = exactLength(rnd, EXOTIC, 120 + rnd.nextInt(150), 0.0);
                    a = mutate(rnd, b, EXOTIC, rnd.nextDouble() * 0.5);
                }
                case 3 -> { // unrelated strings
                    b = text(rnd, MATH, rnd.nextInt(400), 0.1);
                    a = text(rnd, SHELL, rnd.nextInt(400), 0.1);
                }
                case 4 -> { // long on both sides
                    b = exactLength(rnd, MATH, 500 + rnd.nextInt(400), 0.05);
                    a = mutate(rnd, b, MATH, rnd.nextDouble() * 0.4);
                }
                case 5 -> { // short strings, including empty ones
                    b = text(rnd, SHELL, rnd.nextInt(30), 0.2);
                    a = rnd.nextInt(5) == 0 ? "" : mutate(rnd, b, SHELL, rnd.nextDouble());
                }
                case 6 -> { // a lone surrogate now and then: Python and codePoints() both see one element
                    b = text(rnd, EXOTIC, 20 + rnd.nextInt(60), 0.1) + "\udc00" + text(rnd, MATH, 20, 0.0);
                    a = mutate(rnd, b, EXOTIC, 0.3);
                }
                default -> { // the realistic case
                    String[] pool = rnd.nextBoolean() ? MATH : SHELL;
                    b = text(rnd, pool, 50 + rnd.nextInt(551), 0.02);
                    a = mutate(rnd, b, pool, rnd.nextDouble() * 0.5);
                }
            }
            out.add(rnd.nextInt(6) == 0 ? new Pair(b, a) : new Pair(a, b));
        }
        return out.subList(0, count);
    }

    /** Words from {@code pool} joined by spaces until about {@code length} characters; with some exotic ones. */
    private static String text(SplittableRandom rnd, String[] pool, int length, double exoticRate) {
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            if (s.length() > 0) s.append(rnd.nextInt(12) == 0 ? "\n" : " ");
            String[] from = rnd.nextDouble() < exoticRate ? EXOTIC : pool;
            s.append(from[rnd.nextInt(from.length)]);
        }
        return cut(s.toString(), length);
    }

    /** Like {@link #text} but exactly {@code codePoints} code points long. */
    private static String exactLength(SplittableRandom rnd, String[] pool, int codePoints, double exoticRate) {
        StringBuilder s = new StringBuilder();
        while (s.codePointCount(0, s.length()) < codePoints) {
            if (s.length() > 0) s.append(' ');
            String[] from = rnd.nextDouble() < exoticRate ? EXOTIC : pool;
            s.append(from[rnd.nextInt(from.length)]);
        }
        return cut(s.toString(), codePoints);
    }

    private static String randomOver(SplittableRandom rnd, String alphabet, int codePoints) {
        int[] cps = alphabet.codePoints().toArray();
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < codePoints; k++) s.appendCodePoint(cps[rnd.nextInt(cps.length)]);
        return s.toString();
    }

    /** The first {@code codePoints} code points of {@code s} (all of it if shorter). */
    private static String cut(String s, int codePoints) {
        if (s.codePointCount(0, s.length()) <= codePoints) return s;
        return s.substring(0, s.offsetByCodePoints(0, codePoints));
    }

    /** {@code s} after random edits (delete, insert, replace, duplicate, swap) touching about {@code rate} of it. */
    private static String mutate(SplittableRandom rnd, String s, String[] pool, double rate) {
        List<Integer> cps = new ArrayList<>();
        s.codePoints().forEach(cps::add);
        int edits = (int) Math.round(rate * cps.size() / 4.0);
        for (int e = 0; e < edits; e++) {
            int at = cps.isEmpty() ? 0 : rnd.nextInt(cps.size() + 1);
            int span = Math.min(1 + rnd.nextInt(6), cps.size() - Math.min(at, cps.size()));
            switch (rnd.nextInt(5)) {
                case 0 -> cps.subList(at, at + span).clear();
                case 1 -> insert(cps, at, pool[rnd.nextInt(pool.length)]);
                case 2 -> {
                    cps.subList(at, at + span).clear();
                    insert(cps, at, pool[rnd.nextInt(pool.length)]);
                }
                case 3 -> cps.addAll(at, new ArrayList<>(cps.subList(at, at + span)));
                default -> {
                    if (span >= 2) {
                        Integer x = cps.get(at);
                        cps.set(at, cps.get(at + 1));
                        cps.set(at + 1, x);
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder();
        for (int cp : cps) out.appendCodePoint(cp);
        return out.toString();
    }

    private static void insert(List<Integer> cps, int at, String word) {
        List<Integer> w = new ArrayList<>();
        (" " + word).codePoints().forEach(w::add);
        cps.addAll(at, w);
    }
}
