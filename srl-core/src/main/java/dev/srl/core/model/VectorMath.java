package dev.srl.core.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two vector operations whose built-in forms are not reproducible: {@code reduceLanes(ADD)} and
 * {@code lanewise(EXP)} give different roundings when the JIT has compiled them (a tree of adds, Intel's
 * SVML exp) and when it has not (a left-to-right sum, {@code Math.exp} per lane), so a run's numbers would
 * depend on the compiler's timing. These versions use only exact lane operations (add, multiply, fma,
 * shuffles), so every run computes the same bits.
 */
final class VectorMath {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final VectorShuffle<Float>[] HALVES = halves();

    private VectorMath() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static VectorShuffle<Float>[] halves() {
        int steps = Integer.numberOfTrailingZeros(S.length());
        VectorShuffle<Float>[] out = new VectorShuffle[steps];
        for (int s = 0, k = S.length() / 2; k > 0; s++, k /= 2) {
            int shift = k;
            out[s] = VectorShuffle.fromOp(S, i -> (i + shift) % S.length());
        }
        return out;
    }

    /** The sum of the lanes, always as the same tree of additions. */
    static float sum(FloatVector v) {
        for (VectorShuffle<Float> h : HALVES) v = v.add(v.rearrange(h));
        return v.lane(0);
    }

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUNDER = 12582912f; // 1.5 * 2^23: adding it rounds to an integer in the low bits

    /**
     * {@code e^x} per lane to about 2 ulp (Cephes' expf: {@code x = n ln2 + r}, a degree-6 polynomial in
     * {@code r}, times {@code 2^n}), inputs clamped to [-87, 88] (results from about 1.6e-38 to 1.65e38).
     */
    static FloatVector exp(FloatVector x) {
        x = x.max(-87f).min(88f);
        FloatVector t = x.mul(LOG2E).add(ROUNDER);
        FloatVector n = t.sub(ROUNDER);
        IntVector ni = t.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUNDER));
        FloatVector r = n.mul(-LN2_HI).add(x);
        r = n.mul(-LN2_LO).add(r);
        FloatVector p = FloatVector.broadcast(S, 1.9875691500e-4f);
        p = p.mul(r).add(1.3981999507e-3f);
        p = p.mul(r).add(8.3334519073e-3f);
        p = p.mul(r).add(4.1665795894e-2f);
        p = p.mul(r).add(1.6666665459e-1f);
        p = p.mul(r).add(5.0000001201e-1f);
        FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
        FloatVector scale = ni.add(127).lanewise(jdk.incubator.vector.VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(scale);
    }
}
