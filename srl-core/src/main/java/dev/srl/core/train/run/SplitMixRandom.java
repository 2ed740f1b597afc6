package dev.srl.core.train.run;

import java.util.Random;

/**
 * A {@link Random} whose whole state is one {@code long} that can be read and restored, so a resumed run
 * draws exactly the numbers the uninterrupted run would have ({@code java.util.Random} cannot export its state).
 * The generator is SplitMix64 (Steele, Lea and Flood; the generator behind {@code java.util.SplittableRandom}):
 * the state advances by a fixed odd constant and each output is a mixed copy of it.
 *
 * <p>{@link #nextGaussian()} is overridden to keep no cached second value, since that cache would be
 * state outside {@link #state()}.
 *
 * <pre>{@code
 * SplitMixRandom rng = new SplitMixRandom(42);
 * long saved = rng.state();
 * double x = rng.nextDouble();
 * rng.setState(saved);            // rng.nextDouble() == x again
 * }</pre>
 */
public final class SplitMixRandom extends Random {
    private static final long serialVersionUID = 1L;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    public SplitMixRandom(long seed) {
        super(0);
        this.state = seed;
    }

    /** The current state; {@link #setState} with it replays the same sequence. */
    public long state() { return state; }

    public void setState(long state) { this.state = state; }

    /** A seed derived from {@code seed} and {@code stream}, for independent sub-sequences (e.g. one per epoch). */
    public static long mix(long seed, long stream) {
        return mix64(seed + GOLDEN_GAMMA * (stream + 1));
    }

    @Override
    public synchronized void setSeed(long seed) {
        this.state = seed;   // called by Random's constructor too
    }

    @Override
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    @Override
    protected int next(int bits) {
        return (int) (nextLong() >>> (64 - bits));
    }

    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    @Override
    public synchronized double nextGaussian() {
        // Box-Muller on two fresh uniforms; the second value is discarded on purpose (see the class comment).
        double u1 = 1.0 - nextDouble();        // (0, 1]
        double u2 = nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
