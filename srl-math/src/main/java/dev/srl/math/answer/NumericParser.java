package dev.srl.math.answer;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Reads a normalized answer as a number, or says it is not one. Grammar (no spaces, as after
 * {@link AnswerNormalizer}):
 * <pre>
 * expr   := term (('+' | '-') term)*
 * term   := unary (('\times' | '\cdot' | '*' | '/') unary | implicit-factor)*
 * unary  := '-' unary | '+' unary | power
 * power  := atom ('^' (braced | digit))?
 * atom   := number ('e' exponent)? | '\frac' braced braced | '\sqrt' ('[' n ']')? braced | '\pi' | '\infty'
 *         | '(' expr ')' | braced
 * </pre>
 * Anything else (a letter, an unknown command, a comma) makes the whole answer non-numeric, so a symbolic
 * answer is never mistaken for a number.
 */
final class NumericParser {
    private final String s;
    private int i;

    private NumericParser(String s) {
        this.s = s;
    }

    /** The value of {@code normalized}, or empty when it is not a closed numeric expression. */
    static Optional<NumericValue> parse(String normalized) {
        if (normalized.isEmpty()) return Optional.empty();
        try {
            NumericParser p = new NumericParser(normalized);
            NumericValue v = p.expr();
            return p.i == normalized.length() ? Optional.of(v) : Optional.empty();
        } catch (IllegalStateException | ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private NumericValue expr() {
        NumericValue v = term();
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '+') { i++; v = v.add(term()); }
            else if (c == '-') { i++; v = v.add(term().negate()); }
            else break;
        }
        return v;
    }

    private NumericValue term() {
        NumericValue v = unary();
        while (i < s.length()) {
            if (eat("\\times") || eat("\\cdot") || eat("*")) v = v.multiply(unary());
            else if (eat("/")) v = v.divide(unary());
            else if (startsFactor()) v = v.multiply(power()); // 2\sqrt{3}, 3\pi, 2(5)
            else break;
        }
        return v;
    }

    private NumericValue unary() {
        if (eat("-")) return unary().negate();
        if (eat("+")) return unary();
        return power();
    }

    private NumericValue power() {
        NumericValue base = atom();
        if (eat("^")) {
            NumericValue e;
            if (peek() == '{') e = braced();
            else if (Character.isDigit(peek())) e = NumericValue.integer(s.charAt(i++) - '0');
            else throw new IllegalStateException("bad exponent");
            if (!Double.isFinite(base.approx())) throw new IllegalStateException("power of infinity");
            return base.pow(e);
        }
        return base;
    }

    private NumericValue atom() {
        char c = peek();
        if (Character.isDigit(c)) return number();
        if (c == '(') {
            i++;
            NumericValue v = expr();
            expect(')');
            return v;
        }
        if (c == '{') return braced();
        if (eat("\\frac")) return braced().divide(braced());
        if (eat("\\sqrt")) {
            int n = 2;
            if (eat("[")) {
                int start = i;
                while (Character.isDigit(peek())) i++;
                if (start == i) throw new IllegalStateException("bad root index");
                n = Integer.parseInt(s.substring(start, i));
                expect(']');
                if (n < 2 || n > 64) throw new IllegalStateException("root index out of range");
            }
            return braced().root(n);
        }
        if (eat("\\pi")) return NumericValue.approx(Math.PI, false);
        if (eat("\\infty")) return NumericValue.infinity(false);
        throw new IllegalStateException("not numeric at " + i);
    }

    private NumericValue number() {
        int start = i;
        while (Character.isDigit(peek())) i++;
        if (peek() == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
            i++;
            while (Character.isDigit(peek())) i++;
        }
        // scientific notation 4.5e33 / 4.5e-3: only when digits follow, so "2e" is not a number
        if ((peek() == 'e' || peek() == 'E') && i + 1 < s.length()) {
            int j = i + 1;
            if (s.charAt(j) == '+' || s.charAt(j) == '-') j++;
            if (j < s.length() && Character.isDigit(s.charAt(j))) {
                i = j;
                while (Character.isDigit(peek())) i++;
                String lit = s.substring(start, i);
                if (Math.abs(exponentOf(lit)) > 400) throw new IllegalStateException("exponent too large");
                return NumericValue.literal(lit);
            }
        }
        return NumericValue.literal(s.substring(start, i));
    }

    private static long exponentOf(String lit) {
        int e = Math.max(lit.indexOf('e'), lit.indexOf('E'));
        return new BigInteger(lit.substring(e + 1).replace("+", "")).longValue();
    }

    private NumericValue braced() {
        expect('{');
        NumericValue v = expr();
        expect('}');
        return v;
    }

    private boolean startsFactor() {
        char c = peek();
        // A digit is not an implicit factor: "2^10" must not read as 2^1 * 0.
        return c == '(' || s.startsWith("\\frac", i) || s.startsWith("\\sqrt", i)
                || s.startsWith("\\pi", i);
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private boolean eat(String t) {
        if (s.startsWith(t, i)) {
            // a command must not be the prefix of a longer one (\pi vs \pin)
            int end = i + t.length();
            if (t.startsWith("\\") && end < s.length() && Character.isLetter(s.charAt(end))) return false;
            i = end;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (peek() != c) throw new IllegalStateException("expected " + c + " at " + i);
        i++;
    }
}
