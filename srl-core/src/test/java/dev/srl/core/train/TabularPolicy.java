package dev.srl.core.train;

import dev.srl.core.model.Completion;
import dev.srl.core.model.ForwardPass;
import dev.srl.core.model.PolicyModel;
import dev.srl.core.model.SamplingParams;
import dev.srl.core.model.TokenBatch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An exact test double of {@link PolicyModel}: a bigram model whose next-token logits are the row
 * {@code table[previous token]}, in double precision, with a hand-written backward pass. Enough to prove
 * that trainers learn, resume bit for bit and handle NaN.
 */
public final class TabularPolicy implements PolicyModel {
    private final int vocab;
    private final INDArray table;          // [V, V] double, live
    private final Map<String, INDArray> params = new LinkedHashMap<>();
    /** When set, forward passes return NaN log-probs (to test NaN handling). */
    public boolean poison;

    public TabularPolicy(int vocab) {
        this.vocab = vocab;
        this.table = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, vocab, vocab);
        params.put("table", table);
    }

    public int vocab() { return vocab; }

    @Override
    public Map<String, INDArray> parameters() { return params; }

    private double[] logSoftmax(double[] row, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        double[] z = new double[row.length];
        for (int i = 0; i < row.length; i++) { z[i] = row[i] / temperature; max = Math.max(max, z[i]); }
        double s = 0;
        for (double v : z) s += Math.exp(v - max);
        double lse = max + Math.log(s);
        for (int i = 0; i < z.length; i++) z[i] -= lse;
        return z;
    }

    @Override
    public ForwardPass forward(TokenBatch batch, double temperature) {
        double[][] w = table.toDoubleMatrix();
        int b = batch.batchSize(), len = batch.maxLength();
        double[][] logp = new double[b][len], ent = new double[b][len];
        double[][][] probs = new double[b][len][];
        for (int r = 0; r < b; r++) {
            for (int t = 1; t < batch.lengths()[r]; t++) {
                double[] ls = logSoftmax(w[batch.tokens()[r][t - 1]], temperature);
                double h = 0;
                probs[r][t] = new double[vocab];
                for (int v = 0; v < vocab; v++) { probs[r][t][v] = Math.exp(ls[v]); h -= probs[r][t][v] * ls[v]; }
                logp[r][t] = poison ? Double.NaN : ls[batch.tokens()[r][t]];
                ent[r][t] = h;
            }
        }
        return new ForwardPass() {
            @Override
            public INDArray logProbs() { return Nd4j.createFromArray(logp); }

            @Override
            public INDArray entropy() { return Nd4j.createFromArray(ent); }

            @Override
            public Map<String, INDArray> backward(INDArray dLogProbs) {
                double[][] d = dLogProbs.toDoubleMatrix();
                double[][] g = new double[vocab][vocab];
                for (int r = 0; r < b; r++) {
                    for (int t = 1; t < batch.lengths()[r]; t++) {
                        int prev = batch.tokens()[r][t - 1], tok = batch.tokens()[r][t];
                        for (int v = 0; v < vocab; v++) {
                            g[prev][v] += d[r][t] * ((v == tok ? 1 : 0) - probs[r][t][v]) / temperature;
                        }
                    }
                }
                return Map.of("table", Nd4j.createFromArray(g));
            }
        };
    }

    @Override
    public List<Completion> sample(List<int[]> prompts, SamplingParams params, Random rng) {
        double[][] w = table.toDoubleMatrix();
        List<Completion> out = new ArrayList<>();
        for (int[] prompt : prompts) {
            int prev = prompt[prompt.length - 1];
            List<Integer> toks = new ArrayList<>();
            List<Double> lps = new ArrayList<>();
            Completion.FinishReason reason = Completion.FinishReason.LENGTH;
            for (int i = 0; i < params.maxNewTokens(); i++) {
                double[] ls = logSoftmax(w[prev], params.greedy() ? 1 : params.temperature());
                int pick = 0;
                if (params.greedy()) {
                    for (int v = 1; v < vocab; v++) if (ls[v] > ls[pick]) pick = v;
                } else {
                    double u = rng.nextDouble(), c = 0;
                    pick = vocab - 1;
                    for (int v = 0; v < vocab; v++) { c += Math.exp(ls[v]); if (u < c) { pick = v; break; } }
                }
                toks.add(pick);
                lps.add(ls[pick]);
                prev = pick;
                if (params.stopIds().contains(pick)) { reason = Completion.FinishReason.STOP_TOKEN; break; }
            }
            float[] lp = new float[lps.size()];
            for (int i = 0; i < lp.length; i++) lp[i] = lps.get(i).floatValue();
            out.add(new Completion(toks.stream().mapToInt(Integer::intValue).toArray(), lp, reason));
        }
        return out;
    }
}
