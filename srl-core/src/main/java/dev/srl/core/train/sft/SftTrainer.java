package dev.srl.core.train.sft;

import dev.srl.core.model.ForwardPass;
import dev.srl.core.model.PolicyModel;
import dev.srl.core.model.TokenBatch;
import dev.srl.core.train.grpo.LossAggregation;
import dev.srl.core.train.optim.AdamW;
import dev.srl.core.train.optim.GradientClipping;
import dev.srl.core.train.optim.LearningRateSchedule;
import dev.srl.core.train.run.BatchArrays;
import dev.srl.core.train.run.DataCursor;
import dev.srl.core.train.run.NonFiniteGuard;
import dev.srl.core.train.run.SplitMixRandom;
import dev.srl.core.train.run.StepReport;
import dev.srl.core.train.run.Trainable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Supervised fine-tuning: the negative log-likelihood of the target tokens, averaged over all target tokens
 * of the batch (prompt tokens and padding are masked out), with gradient accumulation over micro-batches,
 * global-norm clipping, AdamW and a learning-rate schedule; the validation loss is computed every
 * {@code validateEvery} steps.
 *
 * <pre>{@code
 * SftTrainer sft = new SftTrainer(policy, trainExamples, validationExamples, SftConfig.small());
 * for (int i = 0; i < 200; i++) sft.trainStep();
 * double val = sft.validationLoss();
 * }</pre>
 */
public final class SftTrainer implements Trainable {
    private static final Logger LOG = LoggerFactory.getLogger(SftTrainer.class);

    private final PolicyModel policy;
    private final List<SftExample> validation;
    private final SftConfig config;
    private final DataCursor<SftExample> cursor;
    private final AdamW optimizer;
    private final LearningRateSchedule schedule;
    private long step;
    private final NonFiniteGuard nonFinite;

    public SftTrainer(PolicyModel policy, List<SftExample> train, List<SftExample> validation, SftConfig config) {
        this.policy = policy;
        this.validation = List.copyOf(validation);
        this.config = config;
        this.cursor = new DataCursor<>(train, SplitMixRandom.mix(config.seed(), 1));
        this.nonFinite = new NonFiniteGuard(config.maxNonFiniteSteps());
        this.optimizer = new AdamW(policy.parameters(), config.optimizer().adamW());
        this.schedule = config.optimizer().learningRateSchedule();
    }

    @Override
    public PolicyModel policy() { return policy; }

    @Override
    public AdamW optimizer() { return optimizer; }

    @Override
    public long completedSteps() { return step; }

    @Override
    public StepReport trainStep() {
        long t0 = System.nanoTime();
        double lr = schedule.at(optimizer.stepCount());
        List<SftExample> batch = cursor.next(config.batchSize());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step + 1);
        m.put("epoch", cursor.epoch());
        m.put("lr", lr);
        Map<String, INDArray> grads = null;
        double loss = 0;
        long tokens = 0;
        Prepared all = prepare(batch);
        int micro = config.microBatchSize() == 0 ? batch.size() : config.microBatchSize();
        for (int s = 0; s < batch.size(); s += micro) {
            int e = Math.min(batch.size(), s + micro);
            ForwardPass fp = policy.forward(all.slice(s, e), 1.0);
            double[][] logp = BatchArrays.toMatrix(fp.logProbs());
            double[][] d = new double[logp.length][];
            for (int r = 0; r < logp.length; r++) {
                double[] w = all.weights[s + r];
                d[r] = new double[logp[r].length];
                for (int t = 0; t < logp[r].length; t++) {
                    if (w[t] == 0) continue;
                    loss -= w[t] * logp[r][t];
                    d[r][t] = -w[t];
                    tokens++;
                }
            }
            grads = BatchArrays.accumulate(grads, fp.backward(BatchArrays.fromMatrix(d, fp.logProbs().dataType())));
        }
        double norm = GradientClipping.clipGlobalNorm(grads, config.optimizer().maxGradNorm());
        m.put("loss", loss);
        m.put("grad_norm", norm);
        m.put("tokens", tokens);
        boolean updated = false;
        List<String> warnings = new ArrayList<>();
        if (NonFiniteGuard.finite(loss, norm)) {
            optimizer.step(grads, lr);
            nonFinite.updated();
            updated = true;
        } else {
            warnings.add(nonFinite.skipped(loss, norm));
        }
        m.put("skipped", !updated);
        step++;
        if (config.validateEvery() > 0 && !validation.isEmpty() && step % config.validateEvery() == 0) {
            m.put("val_loss", validationLoss());
        }
        m.put("time/step_s", (System.nanoTime() - t0) / 1e9);
        for (String w : warnings) LOG.warn("step {}: {}", step, w);
        m.put("warnings", warnings);
        nonFinite.check(step, "");
        return new StepReport(step, m, List.of(), updated);
    }

    /** The mean NLL per target token over the validation set (no gradients); NaN if it is empty. */
    public double validationLoss() {
        if (validation.isEmpty()) return Double.NaN;
        Prepared all = prepare(validation);
        int micro = config.microBatchSize() == 0 ? config.batchSize() : config.microBatchSize();
        double loss = 0;
        for (int s = 0; s < validation.size(); s += micro) {
            int e = Math.min(validation.size(), s + micro);
            double[][] logp = BatchArrays.toMatrix(policy.logProbs(all.slice(s, e), 1.0));
            for (int r = 0; r < logp.length; r++) {
                for (int t = 0; t < logp[r].length; t++) loss -= all.weights[s + r][t] * logp[r][t];
            }
        }
        return loss;
    }

    private record Prepared(TokenBatch batch, double[][] weights) {
        TokenBatch slice(int from, int to) {
            return new TokenBatch(java.util.Arrays.copyOfRange(batch.tokens(), from, to), java.util.Arrays.copyOfRange(batch.lengths(), from, to));
        }
    }

    private static Prepared prepare(List<SftExample> examples) {
        List<int[]> rows = new ArrayList<>();
        for (SftExample ex : examples) {
            int[] row = java.util.Arrays.copyOf(ex.prompt(), ex.prompt().length + ex.target().length);
            System.arraycopy(ex.target(), 0, row, ex.prompt().length, ex.target().length);
            rows.add(row);
        }
        TokenBatch batch = TokenBatch.pad(rows, 0);
        double[][] mask = new double[rows.size()][batch.maxLength()];
        for (int r = 0; r < rows.size(); r++) {
            for (int t = examples.get(r).prompt().length; t < rows.get(r).length; t++) mask[r][t] = 1;
        }
        return new Prepared(batch, LossAggregation.TOKEN_MEAN.weights(mask, 0));
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("step", step);
        cursor.saveTo(s);
        nonFinite.saveTo(s);
        return s;
    }

    @Override
    public void restore(Map<String, Object> s) {
        step = ((Number) s.get("step")).longValue();
        cursor.restoreFrom(s);
        nonFinite.restoreFrom(s);
    }
}
