package dev.srl.math.answer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a predicted answer equals the gold answer, without a computer algebra system, and says
 * {@link Verdict#UNKNOWN} instead of guessing. After {@link AnswerNormalizer} on both sides:
 * <ol>
 *   <li>equal strings (ignoring case) are EQUAL;</li>
 *   <li>multiple choice: when the gold is a letter A–E (optionally in parentheses), a letter prediction is
 *       compared as a letter; any other prediction is UNKNOWN (its option's value is not known here);</li>
 *   <li>numbers: integers, decimals, {@code \frac}, {@code a/b}, roots ({@code 2\sqrt{3}}, {@code \sqrt[3]{8}}),
 *       π, ∞, scientific notation ({@code 4.5e33}, {@code 4.5\times10^{33}}) and integer powers are evaluated.
 *       Two exact values (no decimal literal involved) must be exactly equal, so big integers never collide;
 *       otherwise the relative tolerance {@link #RELATIVE_TOLERANCE} applies. When exactly one side carried a
 *       percent sign, the other may equal either the number or the number / 100 ({@code 50\%} vs {@code 0.5});</li>
 *   <li>tuples and intervals {@code (..)}, {@code [..]}, {@code (..]}, {@code [..)}: brackets must match, then
 *       elements in order; sets {@code \{..\}} and bare comma lists: every element of each side must equal
 *       some element of the other;</li>
 *   <li>matrices ({@code pmatrix}, {@code bmatrix}, {@code array}) of the same shape cell by cell, a different
 *       shape is NOT_EQUAL;</li>
 *   <li>a number against a matrix, tuple, interval or set is NOT_EQUAL; anything else (symbolic expressions,
 *       equations, text) is UNKNOWN.</li>
 * </ol>
 *
 * <p>Why 1e-6 and not Qwen2.5-Math's 1e-4: a relative 1e-4 accepts answers that differ in the fifth
 * significant digit (3.1416 for π, 0.12346 for 0.12345), which are wrong answers to a question that asks for
 * more precision. 1e-6 still absorbs binary rounding and answers written with six or seven significant
 * digits (0.3333333 for 1/3), and exact values are compared exactly anyway.
 *
 * <pre>{@code
 * AnswerEquivalence.compare("\\frac{1}{2}", "0.5");        // EQUAL
 * AnswerEquivalence.compare("(1,2)", "[1,2]");             // NOT_EQUAL
 * AnswerEquivalence.compare("(x+1)^2", "x^2+2x+1");        // UNKNOWN
 * }</pre>
 */
public final class AnswerEquivalence {

    /** Relative tolerance for numbers when either side is a decimal literal or irrational. */
    public static final double RELATIVE_TOLERANCE = 1e-6;

    private static final BigInteger MILLION = BigInteger.valueOf(Math.round(1 / RELATIVE_TOLERANCE));
    private static final Pattern CHOICE = Pattern.compile("^\\(?([A-E])\\)?$");

    private AnswerEquivalence() {
    }

    /** Compares a predicted answer with the gold one; a missing or blank prediction is NOT_EQUAL. */
    public static Verdict compare(String gold, String predicted) {
        if (gold == null || gold.isBlank()) return Verdict.UNKNOWN;
        if (predicted == null || predicted.isBlank()) return Verdict.NOT_EQUAL;
        boolean goldPercent = gold.contains("%");
        boolean predPercent = predicted.contains("%");
        String g = AnswerNormalizer.normalize(gold);
        String p = AnswerNormalizer.normalize(predicted);
        if (p.isEmpty()) return Verdict.NOT_EQUAL;
        Matcher gc = CHOICE.matcher(g);
        if (gc.matches()) {
            Matcher pc = CHOICE.matcher(p);
            if (pc.matches()) return gc.group(1).equals(pc.group(1)) ? Verdict.EQUAL : Verdict.NOT_EQUAL;
            return g.equalsIgnoreCase(p) ? Verdict.EQUAL : Verdict.UNKNOWN;
        }
        return compareNormalized(g, p, goldPercent != predPercent);
    }

    private static Verdict compareNormalized(String g, String p, boolean onePercent) {
        if (g.equalsIgnoreCase(p)) return Verdict.EQUAL;
        Optional<NumericValue> gv = NumericParser.parse(g);
        Optional<NumericValue> pv = NumericParser.parse(p);
        if (gv.isPresent() && pv.isPresent()) {
            if (equalNumbers(gv.get(), pv.get())) return Verdict.EQUAL;
            if (onePercent) {
                NumericValue hundred = NumericValue.integer(100);
                if (equalNumbers(gv.get(), pv.get().divide(hundred))
                        || equalNumbers(gv.get().divide(hundred), pv.get())) return Verdict.EQUAL;
            }
            return Verdict.NOT_EQUAL;
        }
        List<List<String>> gm = matrix(g);
        List<List<String>> pm = matrix(p);
        if (gm != null && pm != null) return compareMatrices(gm, pm);
        if ((gm != null && pv.isPresent()) || (pm != null && gv.isPresent())) return Verdict.NOT_EQUAL;
        Group gs = Group.of(g);
        Group ps = Group.of(p);
        if (gs != null && ps != null) return compareGroups(gs, ps);
        if ((gs != null && pv.isPresent()) || (ps != null && gv.isPresent())) return Verdict.NOT_EQUAL;
        return Verdict.UNKNOWN;
    }

    static boolean equalNumbers(NumericValue a, NumericValue b) {
        if (a.isExact() && b.isExact()) {
            if (!a.rounded() && !b.rounded()) return a.num().equals(b.num()) && a.den().equals(b.den());
            // the tolerance in exact arithmetic: |x - y| * 10^6 <= max(|x|, |y|), safe beyond double range
            BigInteger x = a.num().multiply(b.den());
            BigInteger y = b.num().multiply(a.den());
            return x.subtract(y).abs().multiply(MILLION).compareTo(x.abs().max(y.abs())) <= 0;
        }
        double x = a.approx();
        double y = b.approx();
        if (Double.isInfinite(x) || Double.isInfinite(y)) return x == y;
        return Math.abs(x - y) <= RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
    }

    private static Verdict compareGroups(Group g, Group p) {
        if (g.ordered() != p.ordered()) {
            // "1,2" may be meant as the pair (1,2); a braced set against a tuple may not
            return g.open() == ' ' || p.open() == ' ' ? Verdict.UNKNOWN : Verdict.NOT_EQUAL;
        }
        if (g.ordered()) {
            if (g.open() != p.open() || g.close() != p.close()) return Verdict.NOT_EQUAL;
            if (g.items().size() != p.items().size()) return Verdict.NOT_EQUAL;
            List<Verdict> parts = new ArrayList<>();
            for (int k = 0; k < g.items().size(); k++) {
                parts.add(compareNormalized(g.items().get(k), p.items().get(k), false));
            }
            return Verdict.all(parts);
        }
        List<Verdict> parts = new ArrayList<>();
        for (String x : g.items()) parts.add(bestMatch(x, p.items()));
        for (String y : p.items()) parts.add(bestMatch(y, g.items()));
        return Verdict.all(parts);
    }

    private static final String BEGIN = "\\begin{pmatrix}";
    private static final String END = "\\end{pmatrix}";

    /** The cells of a normalized {@code pmatrix} (bmatrix and array are renamed by the normalizer), else null. */
    static List<List<String>> matrix(String s) {
        if (!s.startsWith(BEGIN) || !s.endsWith(END) || s.length() < BEGIN.length() + END.length()) return null;
        String body = s.substring(BEGIN.length(), s.length() - END.length());
        if (body.contains(BEGIN)) return null; // nested matrices are left to the string comparison
        List<List<String>> rows = new ArrayList<>();
        for (String row : body.split("\\\\\\\\", -1)) {
            if (row.isEmpty() && !rows.isEmpty()) continue; // a trailing \\
            rows.add(List.of(row.split("&", -1)));
        }
        return rows;
    }

    private static Verdict compareMatrices(List<List<String>> g, List<List<String>> p) {
        if (g.size() != p.size()) return Verdict.NOT_EQUAL;
        List<Verdict> parts = new ArrayList<>();
        for (int r = 0; r < g.size(); r++) {
            if (g.get(r).size() != p.get(r).size()) return Verdict.NOT_EQUAL;
            for (int c = 0; c < g.get(r).size(); c++) parts.add(compareNormalized(g.get(r).get(c), p.get(r).get(c), false));
        }
        return Verdict.all(parts);
    }

    /** EQUAL if {@code x} equals some element, NOT_EQUAL if it differs from all of them, else UNKNOWN. */
    private static Verdict bestMatch(String x, List<String> others) {
        boolean unknown = false;
        for (String o : others) {
            Verdict v = compareNormalized(x, o, false);
            if (v == Verdict.EQUAL) return Verdict.EQUAL;
            if (v == Verdict.UNKNOWN) unknown = true;
        }
        return unknown ? Verdict.UNKNOWN : Verdict.NOT_EQUAL;
    }

    /**
     * A bracketed or comma-separated answer. Ordered groups (tuples, intervals) keep their brackets;
     * unordered ones are sets {@code {..}} and bare lists.
     */
    record Group(boolean ordered, char open, char close, List<String> items) {
        static Group of(String s) {
            if (s.length() >= 2 && wrapsWhole(s)) {
                char open = s.charAt(0);
                char close = s.charAt(s.length() - 1);
                List<String> items = splitTopLevel(s.substring(1, s.length() - 1));
                if (open == '{' && close == '}') return new Group(false, open, close, items);
                if ((open == '(' || open == '[') && (close == ')' || close == ']') && items.size() >= 2) {
                    return new Group(true, open, close, items);
                }
                return null;
            }
            List<String> items = splitTopLevel(s);
            return items.size() >= 2 ? new Group(false, ' ', ' ', items) : null;
        }

        /** Whether the first bracket closes at the last character (so "(1)+(2)" is not one group). */
        private static boolean wrapsWhole(String s) {
            if ("([{".indexOf(s.charAt(0)) < 0 || ")]}".indexOf(s.charAt(s.length() - 1)) < 0) return false;
            int depth = 0;
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if ("([{".indexOf(c) >= 0) depth++;
                else if (")]}".indexOf(c) >= 0 && --depth == 0 && k < s.length() - 1) return false;
            }
            return depth == 0;
        }

        private static List<String> splitTopLevel(String s) {
            List<String> out = new ArrayList<>();
            if (s.isEmpty()) return out;
            int depth = 0;
            int start = 0;
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if ("([{".indexOf(c) >= 0) depth++;
                else if (")]}".indexOf(c) >= 0) depth--;
                else if (c == ',' && depth == 0) {
                    out.add(s.substring(start, k));
                    start = k + 1;
                }
            }
            out.add(s.substring(start));
            return out;
        }
    }
}
