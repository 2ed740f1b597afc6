package dev.srl.core.model;

import java.util.Arrays;
import java.util.Random;

/**
 * Picks the next token from one row of logits: greedy (argmax, ties to the lower id), or a draw from
 * {@code softmax(logits / temperature)} restricted to the top-k tokens and then to the smallest top set
 * whose probability reaches top-p. One {@code rng.nextDouble()} per draw, so a seed replays a run.
 */
final class TokenSampler {
    private final SamplingParams params;
    private final Random rng;

    record Pick(int token, double logProb) {
    }

    TokenSampler(SamplingParams params, Random rng) {
        this.params = params;
        this.rng = rng;
    }

    /** {@code logits[off .. off+vocab)}; the log-prob is that of the unfiltered temperature-scaled distribution. */
    Pick pick(double[] logits, int off, int vocab) {
        double t = params.greedy() ? 1.0 : params.temperature();
        double max = Double.NEGATIVE_INFINITY;
        int argmax = 0;
        for (int i = 0; i < vocab; i++) {
            if (logits[off + i] > max) {
                max = logits[off + i];
                argmax = i;
            }
        }
        double[] p = new double[vocab];
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            p[i] = Math.exp((logits[off + i] - max) / t);
            sum += p[i];
        }
        double logSum = Math.log(sum);
        int token = params.greedy() ? argmax : draw(p, sum);
        return new Pick(token, (logits[off + token] - max) / t - logSum);
    }

    private int draw(double[] p, double sum) {
        int vocab = p.length;
        boolean filter = (params.topK() > 0 && params.topK() < vocab) || params.topP() < 1;
        if (!filter) {
            double u = rng.nextDouble() * sum, acc = 0;
            int lastNonZero = 0;
            for (int i = 0; i < vocab; i++) {
                if (p[i] > 0) lastNonZero = i;
                acc += p[i];
                if (u < acc) return i;
            }
            return lastNonZero;
        }
        int[] order = descending(p);
        int keep = params.topK() > 0 ? Math.min(params.topK(), vocab) : vocab;
        double mass = 0;
        for (int i = 0; i < keep; i++) mass += p[order[i]];
        if (params.topP() < 1) {
            double acc = 0;
            int n = 0;
            while (n < keep) {
                acc += p[order[n++]];
                if (acc >= params.topP() * mass) break;
            }
            keep = n;
            mass = acc;
        }
        double u = rng.nextDouble() * mass, acc = 0;
        for (int i = 0; i < keep; i++) {
            acc += p[order[i]];
            if (u < acc) return order[i];
        }
        return order[keep - 1];
    }

    /** Indices by probability, highest first, ties to the lower index (a primitive sort on packed keys). */
    private static int[] descending(double[] p) {
        long[] keys = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            long bits = Float.floatToIntBits((float) p[i]); // non-negative floats order like their bits
            keys[i] = ((0x7FFFFFFFL - bits) << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[p.length];
        for (int i = 0; i < p.length; i++) order[i] = (int) keys[i];
        return order;
    }
}
