package dev.srl.core.train.grpo;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GrpoLossTest {
    private static final double H = 1e-6;

    /** A random batch: 3 sequences of 5 positions with a ragged mask and ratios on both sides of the clip range. */
    private static double[][][] batch(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int b = 3, t = 5;
        double[][] logp = new double[b][t], old = new double[b][t], ref = new double[b][t], adv = new double[b][t], mask = new double[b][t];
        int[] lens = {5, 3, 4};
        for (int i = 0; i < b; i++) {
            double a = rng.nextDouble(-2, 2);
            for (int j = 0; j < t; j++) {
                logp[i][j] = rng.nextDouble(-3, -0.1);
                old[i][j] = logp[i][j] + rng.nextDouble(-0.6, 0.6);   // ratios from 0.55 to 1.8
                ref[i][j] = logp[i][j] + rng.nextDouble(-1, 1);
                adv[i][j] = a;
                mask[i][j] = j >= 1 && j < lens[i] ? 1 : 0;
            }
        }
        return new double[][][] {logp, old, ref, adv, mask};
    }

    private static double loss(double[][] logp, double[][][] x, double[][] w, GrpoLoss.Options o) {
        return GrpoLoss.compute(logp, x[1], o.beta() > 0 ? x[2] : null, x[3], x[4], w, o).loss();
    }

    /** Central differences on every masked entry, away from the clip kinks (which the random ratios avoid). */
    private static void checkGradient(double[][][] x, LossAggregation agg, GrpoLoss.Options o) {
        double[][] w = agg.weights(x[4], 7);
        GrpoLoss.Result r = GrpoLoss.compute(x[0], x[1], o.beta() > 0 ? x[2] : null, x[3], x[4], w, o);
        for (int b = 0; b < x[0].length; b++) {
            for (int t = 0; t < x[0][b].length; t++) {
                double[][] plus = deepCopy(x[0]), minus = deepCopy(x[0]);
                plus[b][t] += H;
                minus[b][t] -= H;
                double fd = (loss(plus, x, w, o) - loss(minus, x, w, o)) / (2 * H);
                assertEquals(fd, r.gradient()[b][t], 1e-8, agg + " " + o + " at [" + b + "][" + t + "]");
            }
        }
    }

    @Test
    void gradientMatchesFiniteDifferencesForEveryAggregationAndKl() {
        for (long seed = 1; seed <= 4; seed++) {
            double[][][] x = batch(seed);
            for (LossAggregation agg : LossAggregation.values()) {
                checkGradient(x, agg, new GrpoLoss.Options(0.2, 0.28, 0, KlEstimator.K3));
                checkGradient(x, agg, new GrpoLoss.Options(0.2, 0.28, 0.1, KlEstimator.K1));
                checkGradient(x, agg, new GrpoLoss.Options(0.2, 0.28, 0.1, KlEstimator.K3));
                checkGradient(x, agg, new GrpoLoss.Options(0.1, 0.1, 0.05, KlEstimator.K3));
            }
        }
    }

    @Test
    void randomBatchesExerciseBothClippedAndUnclippedTokens() {
        double[][][] x = batch(3);
        GrpoLoss.Result r = GrpoLoss.compute(x[0], x[1], null, x[3], x[4], LossAggregation.TOKEN_MEAN.weights(x[4], 0),
                new GrpoLoss.Options(0.1, 0.1, 0, KlEstimator.K3));
        int zero = 0, nonZero = 0;
        for (int b = 0; b < 3; b++) for (int t = 0; t < 5; t++) if (x[4][b][t] == 1) { if (r.gradient()[b][t] == 0) zero++; else nonZero++; }
        assertEquals(true, zero > 0 && nonZero > 0, "zero-gradient tokens " + zero + ", others " + nonZero);
    }

    /** r = 1 exactly (μ = 1, on-policy): both branches tie; the gradient is −A/N once, never twice. */
    @Test
    void exactTieAtRatioOneCountsTheGradientOnce() {
        for (double a : new double[] {1.5, -0.7}) {
            double[][] logp = {{0, -0.5, -1.2}};
            double[][] mask = {{0, 1, 1}};
            double[][] adv = GrpoLoss.broadcast(new double[] {a}, 3);
            GrpoLoss.Options o = GrpoLoss.Options.dapo();
            double[][] w = LossAggregation.TOKEN_MEAN.weights(mask, 0);
            GrpoLoss.Result r = GrpoLoss.compute(logp, logp, null, adv, mask, w, o);
            assertEquals(-a, r.loss(), 1e-15);          // −mean(r·A) with r = 1
            assertEquals(-a / 2, r.gradient()[0][1], 1e-15);
            assertEquals(-a / 2, r.gradient()[0][2], 1e-15);
            assertEquals(0, r.gradient()[0][0]);
            // A finite difference through the tie is smooth: both branches have slope −r·A there.
            double[][] p = {{0, -0.5 + H, -1.2}}, m = {{0, -0.5 - H, -1.2}};
            double fd = (GrpoLoss.compute(p, logp, null, adv, mask, w, o).loss() - GrpoLoss.compute(m, logp, null, adv, mask, w, o).loss()) / (2 * H);
            assertEquals(fd, r.gradient()[0][1], 1e-9);
        }
    }

    /** r exactly at 1 + ε_high with A > 0: the branches tie at the kink; the gradient is the unclipped side's (r·A once). */
    @Test
    void ratioExactlyAtUpperBoundTakesTheUnclippedSideOnce() {
        double eps = 0.25;                 // 1.25 is exact in binary, so exp(log 1.25) is checked below
        double ratio = 1 + eps;
        double old = -1.0;
        double logp = old + Math.log(ratio);
        double r = Math.exp(logp - old);
        double a = 2.0;
        GrpoLoss.Options o = new GrpoLoss.Options(0.2, eps, 0, KlEstimator.K3);
        double[][] mask = {{1}};
        double[][] w = LossAggregation.TOKEN_MEAN.weights(mask, 0);
        GrpoLoss.Result res = GrpoLoss.compute(new double[][] {{logp}}, new double[][] {{old}}, null, new double[][] {{a}}, mask, w, o);
        if (r <= ratio) {
            assertEquals(-a * r, res.gradient()[0][0], 1e-15);
            // One-sided difference into the unclipped region.
            double left = GrpoLoss.compute(new double[][] {{logp - H}}, new double[][] {{old}}, null, new double[][] {{a}}, mask, w, o).loss();
            assertEquals((res.loss() - left) / H, res.gradient()[0][0], 1e-5);
        } else {
            assertEquals(0, res.gradient()[0][0]);  // rounding put r just past the bound: clipped
        }
        // Just past the bound the clip is active and the gradient vanishes; just inside it is −r·A.
        GrpoLoss.Result past = GrpoLoss.compute(new double[][] {{logp + 1e-9}}, new double[][] {{old}}, null, new double[][] {{a}}, mask, w, o);
        assertEquals(0, past.gradient()[0][0]);
        assertEquals(1.0, past.clipFracHigh());
        GrpoLoss.Result inside = GrpoLoss.compute(new double[][] {{logp - 1e-9}}, new double[][] {{old}}, null, new double[][] {{a}}, mask, w, o);
        assertEquals(-a * Math.exp(logp - 1e-9 - old), inside.gradient()[0][0], 1e-12);
    }

    /** A < 0 and r below 1 − ε_low: the clipped branch is the min, the gradient is 0; above it the gradient is −r·A. */
    @Test
    void negativeAdvantageClipsBelowAndNotAbove() {
        double a = -1;
        double[][] mask = {{1, 1}};
        double[][] logp = {{Math.log(0.5), Math.log(1.5)}};
        double[][] old = {{0, 0}};
        GrpoLoss.Options o = new GrpoLoss.Options(0.2, 0.2, 0, KlEstimator.K3);
        GrpoLoss.Result r = GrpoLoss.compute(logp, old, null, GrpoLoss.broadcast(new double[] {a}, 2), mask,
                LossAggregation.TOKEN_MEAN.weights(mask, 0), o);
        assertEquals(0, r.gradient()[0][0]);
        assertEquals(-a * 1.5 / 2, r.gradient()[0][1], 1e-12);
        assertEquals(0.5, r.clipFracLow(), 1e-15);
        assertEquals(0, r.clipFracHigh());
        // A negative advantage with a large ratio is never clipped (the pessimistic bound keeps it).
        assertEquals((-(0.8 * a) - 1.5 * a) / 2, r.loss(), 1e-12);
    }

    @Test
    void aggregationModesHaveTheirDocumentedNormalisers() {
        double[][] mask = {{1, 1, 1, 0}, {1, 0, 0, 0}};
        double[][] tok = LossAggregation.TOKEN_MEAN.weights(mask, 10);
        double[][] seq = LossAggregation.SEQUENCE_MEAN.weights(mask, 10);
        double[][] dr = LossAggregation.DR_GRPO_CONSTANT.weights(mask, 10);
        assertEquals(0.25, tok[0][0]);
        assertEquals(0.25, tok[1][0]);
        assertEquals(1.0 / 6, seq[0][0], 1e-15);
        assertEquals(0.5, seq[1][0]);
        assertEquals(0.05, dr[0][0]);
        assertEquals(0, dr[0][3]);
    }

    @Test
    void klEstimatorsMatchTheirFormulas() {
        double[][] mask = {{1}};
        double[][] w = {{1}};
        double logp = -1.0, ref = -1.5;
        GrpoLoss.Result k1 = GrpoLoss.compute(new double[][] {{logp}}, new double[][] {{logp}}, new double[][] {{ref}},
                new double[][] {{0}}, mask, w, new GrpoLoss.Options(0.2, 0.2, 0.5, KlEstimator.K1));
        GrpoLoss.Result k3 = GrpoLoss.compute(new double[][] {{logp}}, new double[][] {{logp}}, new double[][] {{ref}},
                new double[][] {{0}}, mask, w, new GrpoLoss.Options(0.2, 0.2, 0.5, KlEstimator.K3));
        assertEquals(0.5, k1.kl(), 1e-15);
        assertEquals(Math.exp(-0.5) + 0.5 - 1, k3.kl(), 1e-15);
        assertEquals(0.5 * k3.kl(), k3.loss(), 1e-15);
        assertEquals(0.5 * (1 - Math.exp(-0.5)), k3.gradient()[0][0], 1e-15);
    }

    @Test
    void extremeLogRatiosAreClampedAndStayFinite() {
        double[][] mask = {{1}};
        GrpoLoss.Result r = GrpoLoss.compute(new double[][] {{0}}, new double[][] {{-500}}, null, new double[][] {{-1}}, mask,
                new double[][] {{1}}, GrpoLoss.Options.dapo());
        assertEquals(Math.exp(20), r.meanRatio(), 1e-3 * Math.exp(20));
        assertEquals(true, Double.isFinite(r.loss()));
        assertEquals(0, r.gradient()[0][0]);
    }

    @Test
    void betaWithoutReferenceIsRejected() {
        double[][] z = {{0}};
        assertThrows(IllegalArgumentException.class, () ->
                GrpoLoss.compute(z, z, null, z, z, z, new GrpoLoss.Options(0.2, 0.2, 0.1, KlEstimator.K3)));
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }
}
