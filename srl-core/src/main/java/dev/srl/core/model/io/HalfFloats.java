package dev.srl.core.model.io;

/**
 * Conversions between 16-bit floats (IEEE binary16 "F16" and bfloat16 "BF16") and {@code float}.
 * Widening is exact; narrowing to BF16 rounds to nearest, ties to even, as PyTorch does.
 *
 * <pre>{@code
 * float x = HalfFloats.bf16ToFloat(0x3F80);      // 1.0f
 * short b = HalfFloats.floatToBf16(1.00390625f);  // 0x3F80: the tie rounds to the even neighbour
 * }</pre>
 */
public final class HalfFloats {
    private HalfFloats() {}

    /** Widens the bfloat16 in the low 16 bits of {@code bits}. */
    public static float bf16ToFloat(int bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Narrows to bfloat16, rounding to nearest even; NaN stays a (quiet) NaN with its sign. */
    public static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x0040);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    /** Widens the IEEE binary16 in the low 16 bits of {@code bits}, subnormals, infinities and NaN included. */
    public static float f16ToFloat(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0) {
            float v = mant * 0x1p-24f;             // zero or subnormal: exact in float
            return sign != 0 ? -v : v;
        }
        if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        return Float.intBitsToFloat(sign | ((exp + 127 - 15) << 23) | (mant << 13));
    }
}
