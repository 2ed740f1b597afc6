package dev.srl.math.answer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * A number read from an answer: an exact rational when the expression allows it (integers, fractions,
 * perfect-square roots, integer powers), otherwise a double. {@code rounded} marks values that came from a
 * decimal literal, which may be a rounded form of the true answer and so is compared with a tolerance.
 */
record NumericValue(BigInteger num, BigInteger den, double approx, boolean rounded) {
    /** Powers beyond this many bits fall back to doubles instead of building huge integers. */
    private static final int MAX_EXACT_BITS = 4096;

    static NumericValue exact(BigInteger num, BigInteger den, boolean rounded) {
        if (den.signum() == 0) throw new ArithmeticException("division by zero");
        if (den.signum() < 0) { num = num.negate(); den = den.negate(); }
        BigInteger g = num.gcd(den);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) { num = num.divide(g); den = den.divide(g); }
        double d = new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL64).doubleValue();
        return new NumericValue(num, den, d, rounded);
    }

    static NumericValue approx(double d, boolean rounded) {
        // an overflow is not infinity: 10^{100000} must not equal \infty
        if (!Double.isFinite(d)) throw new ArithmeticException("not a finite number");
        return new NumericValue(null, null, d, rounded);
    }

    /** ∞ or −∞, only ever from an explicit {@code \infty}. */
    static NumericValue infinity(boolean negative) {
        return new NumericValue(null, null, negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, false);
    }

    static NumericValue integer(long v) {
        return exact(BigInteger.valueOf(v), BigInteger.ONE, false);
    }

    /** Parses a decimal literal such as {@code 12}, {@code 0.5} or {@code 4.5e33}. */
    static NumericValue literal(String text) {
        BigDecimal d = new BigDecimal(text);
        boolean rounded = text.contains(".") || text.contains("e") || text.contains("E");
        if (d.scale() <= 0) return exact(d.toBigIntegerExact(), BigInteger.ONE, rounded);
        return exact(d.unscaledValue(), BigInteger.TEN.pow(d.scale()), rounded);
    }

    boolean isExact() { return num != null; }

    NumericValue add(NumericValue o) {
        boolean r = rounded || o.rounded;
        if (isExact() && o.isExact()) return exact(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den), r);
        return approx(approx + o.approx, r);
    }

    NumericValue negate() {
        if (isExact()) return new NumericValue(num.negate(), den, -approx, rounded);
        return Double.isInfinite(approx) ? infinity(approx > 0) : approx(-approx, rounded);
    }

    NumericValue multiply(NumericValue o) {
        boolean r = rounded || o.rounded;
        if (isExact() && o.isExact()) return exact(num.multiply(o.num), den.multiply(o.den), r);
        return approx(approx * o.approx, r);
    }

    NumericValue divide(NumericValue o) {
        boolean r = rounded || o.rounded;
        if (isExact() && o.isExact()) return exact(num.multiply(o.den), den.multiply(o.num), r);
        if (o.approx == 0) throw new ArithmeticException("division by zero");
        return approx(approx / o.approx, r);
    }

    NumericValue pow(NumericValue e) {
        boolean r = rounded || e.rounded;
        if (isExact() && e.isExact() && e.den.equals(BigInteger.ONE) && e.num.bitLength() < 31) {
            int k = e.num.intValue();
            long bits = (long) Math.abs(k) * Math.max(num.bitLength(), den.bitLength());
            if (bits <= MAX_EXACT_BITS) {
                BigInteger n = num.pow(Math.abs(k));
                BigInteger d = den.pow(Math.abs(k));
                return k >= 0 ? exact(n, d, r) : exact(d, n, r);
            }
        }
        return approx(Math.pow(approx, e.approx), r);
    }

    /** The {@code n}-th root; exact when the rational is a perfect power. */
    NumericValue root(int n) {
        if (isExact() && num.signum() >= 0) {
            BigInteger a = exactRoot(num, n);
            BigInteger b = exactRoot(den, n);
            if (a != null && b != null) return exact(a, b, rounded);
        }
        if (approx < 0 && n % 2 == 0) throw new ArithmeticException("even root of a negative number");
        double v = approx < 0 ? -Math.pow(-approx, 1.0 / n) : Math.pow(approx, 1.0 / n);
        return approx(v, rounded);
    }

    private static BigInteger exactRoot(BigInteger v, int n) {
        if (n == 2) {
            BigInteger s = v.sqrt();
            return s.multiply(s).equals(v) ? s : null;
        }
        BigInteger guess = BigInteger.valueOf(Math.round(Math.pow(v.doubleValue(), 1.0 / n)));
        for (int d = -1; d <= 1; d++) {
            BigInteger g = guess.add(BigInteger.valueOf(d));
            if (g.signum() >= 0 && g.pow(n).equals(v)) return g;
        }
        return null;
    }
}
