package dev.srl.core.train.grpo;

import dev.srl.core.model.Completion;
import dev.srl.core.model.ForwardPass;
import dev.srl.core.model.PolicyModel;
import dev.srl.core.model.TokenBatch;
import dev.srl.core.reward.RewardFunction;
import dev.srl.core.reward.RewardRequest;
import dev.srl.core.reward.WeightedReward;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * GRPO with dynamic sampling: SRL when the prompts are step-wise instances scored by the step-similarity
 * reward, RLVR when they are whole tasks scored by an outcome reward. One {@link #trainStep()} is:
 * <ol>
 *   <li>take prompts from the data cursor and sample {@code G} rollouts each;</li>
 *   <li>decode and score them with the weighted reward functions;</li>
 *   <li>keep groups whose rewards spread ({@link DynamicSampler}), sampling more prompts until
 *       {@code promptsPerStep} groups are kept or the round cap is hit;</li>
 *   <li>group advantages ({@link GroupAdvantage}), broadcast over each completion's tokens;</li>
 *   <li>μ updates: clipped surrogate ({@link GrpoLoss}) over micro-batches with exact gradient
 *       accumulation, global-norm clip, AdamW.</li>
 * </ol>
 * With μ = 1 the old log-probabilities are the current ones, so every ratio is 1 and the printed
 * policy loss is only {@code −Σ w·A}, which is about 0 because advantages are centred per group; the
 * gradient, {@code −Σ w·A·∇logp}, is not 0. A step whose loss or gradient norm is NaN/Inf is skipped with a
 * warning; {@code maxNonFiniteSteps} in a row throw {@link dev.srl.core.train.run.NonFiniteTrainingException}.
 *
 * <pre>{@code
 * GrpoTrainer trainer = new GrpoTrainer(policy, null, tokenizer::decode, new StepSimilarityReward(),
 *         prompts, GrpoConfig.small());
 * for (int i = 0; i < 100; i++) {
 *     StepReport r = trainer.trainStep();
 *     System.out.println(r.metrics().get("reward_mean"));
 * }
 * }</pre>
 */
public final class GrpoTrainer implements Trainable {
    private static final Logger LOG = LoggerFactory.getLogger(GrpoTrainer.class);

    private final PolicyModel policy;
    private final PolicyModel reference;
    private final Function<int[], String> detokenizer;
    private final RewardFunction reward;
    private final List<String> componentNames;
    private final GrpoConfig config;
    private final DataCursor<GrpoPrompt> cursor;
    private final AdamW optimizer;
    private final LearningRateSchedule schedule;
    private final SplitMixRandom rng;
    private long step;
    private final NonFiniteGuard nonFinite;
    private int samplesWanted;
    private TokenAdvantages tokenAdvantages;

    /**
     * @param policy      the model to train
     * @param reference   the frozen reference; must be non-null exactly when {@code config.beta() > 0}
     * @param detokenizer token ids to text (e.g. {@code tokenizer::decode}); a final stop id is removed before decoding
     * @param reward      the reward; a {@link WeightedReward} also gets each component's mean/std logged
     * @param prompts     the training prompts (walked in shuffled epochs)
     * @param config      the settings
     */
    public GrpoTrainer(PolicyModel policy, PolicyModel reference, Function<int[], String> detokenizer,
                       RewardFunction reward, List<GrpoPrompt> prompts, GrpoConfig config) {
        if (reward == null) throw new IllegalArgumentException("GRPO needs a reward function");
        if (config.beta() > 0 && reference == null) {
            throw new IllegalArgumentException("beta = " + config.beta() + " needs a reference model; pass one or set beta to 0");
        }
        if (config.beta() == 0 && reference != null) {
            LOG.warn("a reference model was given but beta = 0: it is ignored (and need not be held in memory)");
        }
        this.policy = policy;
        this.reference = config.beta() > 0 ? reference : null;
        this.detokenizer = detokenizer;
        this.reward = reward;
        this.componentNames = reward instanceof WeightedReward w
                ? w.components().stream().map(c -> c.function().name()).toList() : List.of(reward.name());
        this.config = config;
        this.cursor = new DataCursor<>(prompts, SplitMixRandom.mix(config.seed(), 1));
        this.nonFinite = new NonFiniteGuard(config.maxNonFiniteSteps());
        this.optimizer = new AdamW(policy.parameters(), config.optimizer().adamW());
        this.schedule = config.optimizer().learningRateSchedule();
        this.rng = new SplitMixRandom(SplitMixRandom.mix(config.seed(), 2));
        if (config.policyIterations() == 1) {
            LOG.info("policyIterations = 1: the old log-probs are the current ones, every ratio is 1 and the logged loss is "
                    + "about 0 (advantages are centred per group); the gradient is not 0, so a flat loss is normal here");
        }
        if (config.microBatchSize() > 0 && (config.promptsPerStep() * config.groupSize()) % config.microBatchSize() != 0) {
            LOG.warn("the batch of {} rollouts is not divisible by microBatchSize {}: the last micro-batch is smaller "
                    + "(the gradient is still exact)", config.promptsPerStep() * config.groupSize(), config.microBatchSize());
        }
    }

    public GrpoConfig config() { return config; }

    /** Per-token advantages instead of the default broadcast of each completion's group advantage; null restores the default. */
    public void setTokenAdvantages(TokenAdvantages tokenAdvantages) { this.tokenAdvantages = tokenAdvantages; }

    @Override
    public PolicyModel policy() { return policy; }

    @Override
    public AdamW optimizer() { return optimizer; }

    @Override
    public long completedSteps() { return step; }

    @Override
    public void requestSamples(int count) { samplesWanted = count; }

    /** One prompt's rollouts and rewards. */
    private record Group(GrpoPrompt prompt, List<Completion> completions, List<String> texts,
                         double[][] perFunction, double[] total) {
    }

    @Override
    public StepReport trainStep() {
        long t0 = System.nanoTime();
        long[] sampleNs = {0}, rewardNs = {0};
        List<String> warnings = new ArrayList<>();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step + 1);
        double lr = schedule.at(optimizer.stepCount());

        List<Group> sampledAll = new ArrayList<>();
        DynamicSampler.Outcome<Group> outcome = config.dynamicSampler().collect(config.promptsPerStep(), n -> {
            List<Group> groups = sampleGroups(cursor.next(n), sampleNs, rewardNs);
            sampledAll.addAll(groups);
            return groups;
        }, Group::total);
        putSamplingMetrics(m, sampledAll, outcome, warnings);

        List<Group> kept = outcome.kept();
        m.put("epoch", cursor.epoch());
        m.put("lr", lr);
        long tUpdate = System.nanoTime();
        boolean updated = false;
        if (kept.isEmpty()) {
            warnings.add("every one of the " + outcome.sampledGroups() + " groups sampled in " + outcome.rounds()
                    + " rounds had reward std <= " + config.dynamicSamplingEpsilon() + ": nothing to learn from, no update this step."
                    + " Check the reward (format errors give -1 to all), maxNewTokens, or raise maxSamplingRounds");
            m.put("skipped", true);
        } else {
            if (outcome.shortOf(config.promptsPerStep())) {
                warnings.add("only " + outcome.keptCount() + " of " + config.promptsPerStep() + " groups kept after "
                        + outcome.rounds() + " sampling rounds (maxSamplingRounds); training on a smaller batch");
            }
            updated = update(kept, lr, m, warnings);
        }
        long end = System.nanoTime();
        m.put("time/sampling_s", sampleNs[0] / 1e9);
        m.put("time/reward_s", rewardNs[0] / 1e9);
        m.put("time/update_s", (end - tUpdate) / 1e9);
        m.put("time/step_s", (end - t0) / 1e9);
        for (String w : warnings) LOG.warn("step {}: {}", step + 1, w);
        m.put("warnings", warnings);
        List<Map<String, Object>> samples = samples(sampledAll);
        step++;
        nonFinite.check(step, ". Lower the learning rate or check the model");
        return new StepReport(step, m, samples, updated);
    }

    private List<Group> sampleGroups(List<GrpoPrompt> prompts, long[] sampleNs, long[] rewardNs) {
        int g = config.groupSize();
        List<int[]> inputs = new ArrayList<>(prompts.size() * g);
        for (GrpoPrompt p : prompts) for (int i = 0; i < g; i++) inputs.add(p.tokens());
        long t = System.nanoTime();
        List<Completion> outs = policy.sample(inputs, config.sampling(), rng);
        sampleNs[0] += System.nanoTime() - t;
        if (outs.size() != inputs.size()) {
            throw new IllegalStateException("the policy returned " + outs.size() + " completions for " + inputs.size() + " prompts");
        }
        t = System.nanoTime();
        List<String> texts = new ArrayList<>(outs.size());
        List<RewardRequest> requests = new ArrayList<>(outs.size());
        for (int i = 0; i < outs.size(); i++) {
            String text = detokenizer.apply(withoutFinalStop(outs.get(i)));
            texts.add(text);
            requests.add(new RewardRequest(text, prompts.get(i / g).reference()));
        }
        double[] total;
        double[][] scores;
        if (reward instanceof WeightedReward w) {
            WeightedReward.Scores all = w.scoreAll(requests);
            total = all.total();
            scores = componentNames.stream().map(all.components()::get).toArray(double[][]::new);
        } else {
            total = reward.score(requests);
            scores = new double[][] {total};
        }
        if (total.length != requests.size()) {
            throw new IllegalStateException("reward " + reward.name() + " returned " + total.length + " scores for " + requests.size() + " completions");
        }
        for (int k = 0; k < scores.length; k++) {
            for (int i = 0; i < scores[k].length; i++) {
                if (!Double.isFinite(scores[k][i])) {
                    throw new IllegalStateException("reward " + componentNames.get(k) + " gave " + scores[k][i] + " for prompt "
                            + prompts.get(i / g).id() + ", rollout " + (i % g));
                }
            }
        }
        rewardNs[0] += System.nanoTime() - t;
        List<Group> groups = new ArrayList<>(prompts.size());
        for (int p = 0; p < prompts.size(); p++) {
            int from = p * g, to = from + g;
            double[][] per = new double[scores.length][];
            for (int k = 0; k < per.length; k++) per[k] = Arrays.copyOfRange(scores[k], from, to);
            groups.add(new Group(prompts.get(p), outs.subList(from, to), texts.subList(from, to), per, Arrays.copyOfRange(total, from, to)));
        }
        return groups;
    }

    private int[] withoutFinalStop(Completion c) {
        int[] t = c.tokens();
        if (c.finishReason() == Completion.FinishReason.STOP_TOKEN && t.length > 0 && config.stopIds().contains(t[t.length - 1])) {
            return Arrays.copyOf(t, t.length - 1);
        }
        return t;
    }

    private void putSamplingMetrics(Map<String, Object> m, List<Group> all, DynamicSampler.Outcome<Group> outcome, List<String> warnings) {
        int n = 0, truncated = 0, maxLen = 0;
        long lenSum = 0;
        int zeroStd = 0;
        List<Double> allTotals = new ArrayList<>();
        for (Group gr : all) {
            if (GroupAdvantage.populationStd(gr.total(), 0, gr.total().length) <= config.dynamicSamplingEpsilon()) zeroStd++;
            for (Completion c : gr.completions()) {
                n++;
                lenSum += c.tokens().length;
                maxLen = Math.max(maxLen, c.tokens().length);
                if (c.truncated()) truncated++;
            }
            for (double r : gr.total()) allTotals.add(r);
        }
        double[] totals = allTotals.stream().mapToDouble(Double::doubleValue).toArray();
        m.put("reward_mean", totals.length == 0 ? 0 : GroupAdvantage.mean(totals, 0, totals.length));
        m.put("reward_std", totals.length == 0 ? 0 : GroupAdvantage.populationStd(totals, 0, totals.length));
        for (int k = 0; k < componentNames.size(); k++) {
            List<Double> col = new ArrayList<>();
            for (Group gr : all) for (double r : gr.perFunction()[k]) col.add(r);
            double[] c = col.stream().mapToDouble(Double::doubleValue).toArray();
            String name = componentNames.get(k);
            m.put("reward/" + name + "/mean", c.length == 0 ? 0 : GroupAdvantage.mean(c, 0, c.length));
            m.put("reward/" + name + "/std", c.length == 0 ? 0 : GroupAdvantage.populationStd(c, 0, c.length));
        }
        m.put("frac_zero_std_groups", all.isEmpty() ? 0 : (double) zeroStd / all.size());
        m.put("groups_kept", outcome.keptCount());
        m.put("groups_filtered", outcome.filteredCount());
        m.put("sampling_rounds", outcome.rounds());
        m.put("completion_len_mean", n == 0 ? 0 : (double) lenSum / n);
        m.put("completion_len_max", maxLen);
        m.put("truncated_frac", n == 0 ? 0 : (double) truncated / n);
        if (n > 0 && truncated == n) {
            warnings.add("every completion hit maxNewTokens = " + config.maxNewTokens() + " (none finished): the rewards see"
                    + " cut-off text; raise maxNewTokens or check the stop ids");
        }
        if (totals.length > 1 && GroupAdvantage.populationStd(totals, 0, totals.length) == 0) {
            warnings.add("every rollout in the batch got the same reward " + totals[0] + ": the reward carries no signal");
        }
    }

    /** μ updates on the kept groups; returns whether the weights changed. */
    private boolean update(List<Group> kept, double lr, Map<String, Object> m, List<String> warnings) {
        int g = config.groupSize();
        double[] totals = new double[kept.size() * g];
        List<int[]> rows = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();         // {completion start, end} per row
        List<Boolean> truncated = new ArrayList<>();
        List<GrpoPrompt> rowPrompts = new ArrayList<>();
        List<Completion> rowCompletions = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            Group gr = kept.get(i);
            System.arraycopy(gr.total(), 0, totals, i * g, g);
            for (Completion c : gr.completions()) {
                int[] p = gr.prompt().tokens();
                int[] row = Arrays.copyOf(p, p.length + c.tokens().length);
                System.arraycopy(c.tokens(), 0, row, p.length, c.tokens().length);
                rows.add(row);
                spans.add(new int[] {p.length, row.length});
                truncated.add(c.truncated());
                rowPrompts.add(gr.prompt());
                rowCompletions.add(c);
            }
        }
        double[] adv = GroupAdvantage.compute(totals, g, config.advantageScaling(), config.advantageEpsilon());
        TokenBatch batch = TokenBatch.pad(rows, 0);
        int b = batch.batchSize(), len = batch.maxLength();
        double[][] mask = new double[b][len];
        for (int r = 0; r < b; r++) {
            if (config.maskTruncatedCompletions() && truncated.get(r)) continue;
            for (int t = spans.get(r)[0]; t < spans.get(r)[1]; t++) mask[r][t] = 1;
        }
        double[][] advantages = GrpoLoss.broadcast(adv, len);
        if (tokenAdvantages != null) {
            for (int r = 0; r < b; r++) {
                double[] perToken = tokenAdvantages.of(rowPrompts.get(r), rowCompletions.get(r), adv[r]);
                int from = spans.get(r)[0], n = spans.get(r)[1] - from;
                if (perToken.length != n) {
                    throw new IllegalStateException("token advantages for prompt " + rowPrompts.get(r).id() + " have "
                            + perToken.length + " values for a completion of " + n + " tokens");
                }
                java.util.Arrays.fill(advantages[r], 0);
                System.arraycopy(perToken, 0, advantages[r], from, n);
            }
        }
        double[][] weights = config.lossAggregation().weights(mask, config.maxNewTokens());
        int micro = config.microBatchSize() == 0 ? b : Math.min(config.microBatchSize(), b);
        List<int[]> chunks = new ArrayList<>();
        for (int s = 0; s < b; s += micro) chunks.add(new int[] {s, Math.min(b, s + micro)});

        double[][][] old = new double[chunks.size()][][];
        double[][][] ref = new double[chunks.size()][][];
        for (int c = 0; c < chunks.size(); c++) {
            TokenBatch tb = slice(batch, chunks.get(c));
            if (config.policyIterations() > 1) old[c] = BatchArrays.toMatrix(policy.logProbs(tb, config.temperature()));
            if (reference != null) ref[c] = BatchArrays.toMatrix(reference.logProbs(tb, config.temperature()));
        }
        boolean anyUpdate = false;
        for (int it = 0; it < config.policyIterations(); it++) {
            double loss = 0, policyLoss = 0, kl = 0, lowSum = 0, highSum = 0, ratioSum = 0, entSum = 0;
            long active = 0;
            Map<String, INDArray> grads = null;
            for (int c = 0; c < chunks.size(); c++) {
                int[] ch = chunks.get(c);
                ForwardPass fp = policy.forward(slice(batch, ch), config.temperature());
                double[][] logp = BatchArrays.toMatrix(fp.logProbs());
                double[][] mk = BatchArrays.rows(mask, ch[0], ch[1]);
                GrpoLoss.Result res = GrpoLoss.compute(logp, old[c] == null ? logp : old[c], ref[c],
                        BatchArrays.rows(advantages, ch[0], ch[1]), mk, BatchArrays.rows(weights, ch[0], ch[1]), config.lossOptions());
                loss += res.loss();
                policyLoss += res.policyLoss();
                kl += res.kl();
                active += res.activeTokens();
                lowSum += res.clipFracLow() * res.activeTokens();
                highSum += res.clipFracHigh() * res.activeTokens();
                ratioSum += res.meanRatio() * res.activeTokens();
                if (it == 0) {
                    double[][] ent = BatchArrays.toMatrix(fp.entropy());
                    for (int r = 0; r < ent.length; r++) for (int t = 0; t < ent[r].length; t++) entSum += mk[r][t] * ent[r][t];
                }
                grads = BatchArrays.accumulate(grads, fp.backward(BatchArrays.fromMatrix(res.gradient(), fp.logProbs().dataType())));
            }
            double norm = GradientClipping.clipGlobalNorm(grads, config.optimizer().maxGradNorm());
            if (it == 0) {
                double n = Math.max(active, 1);
                m.put("loss", loss);
                m.put("policy_loss", policyLoss);
                m.put("kl", kl);
                m.put("clip_frac_low", lowSum / n);
                m.put("clip_frac_high", highSum / n);
                m.put("ratio_mean", ratioSum / n);
                m.put("entropy", entSum / n);
                m.put("grad_norm", norm);
                m.put("tokens", active);
            } else {
                m.put("loss_last_iteration", loss);
                m.put("clip_frac_low_last_iteration", lowSum / Math.max(active, 1));
                m.put("clip_frac_high_last_iteration", highSum / Math.max(active, 1));
            }
            if (active == 0) {
                warnings.add("no token takes part in the loss (all completions truncated and masked?); no update");
                break;
            }
            if (!NonFiniteGuard.finite(loss, norm)) {
                warnings.add(nonFinite.skipped(loss, norm));
                m.put("skipped", true);
                m.put("updates", anyUpdate ? it : 0);
                return anyUpdate;
            }
            optimizer.step(grads, lr);
            anyUpdate = true;
        }
        if (anyUpdate) nonFinite.updated();
        m.put("skipped", !anyUpdate);
        m.put("updates", anyUpdate ? config.policyIterations() : 0);
        return anyUpdate;
    }

    private static TokenBatch slice(TokenBatch batch, int[] range) {
        return new TokenBatch(Arrays.copyOfRange(batch.tokens(), range[0], range[1]), Arrays.copyOfRange(batch.lengths(), range[0], range[1]));
    }

    private List<Map<String, Object>> samples(List<Group> groups) {
        if (samplesWanted <= 0) return List.of();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Group gr : groups.subList(0, Math.min(samplesWanted, groups.size()))) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("step", step + 1);
            s.put("prompt_id", gr.prompt().id());
            s.put("prompt", detokenizer.apply(gr.prompt().tokens()));
            s.put("reference", gr.prompt().reference());
            List<Map<String, Object>> rollouts = new ArrayList<>();
            for (int i = 0; i < gr.texts().size(); i++) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("completion", gr.texts().get(i));
                r.put("reward", gr.total()[i]);
                if (gr.perFunction().length > 1) {
                    for (int k = 0; k < componentNames.size(); k++) r.put("reward/" + componentNames.get(k), gr.perFunction()[k][i]);
                }
                r.put("finish", gr.completions().get(i).finishReason().name());
                rollouts.add(r);
            }
            s.put("rollouts", rollouts);
            out.add(s);
        }
        samplesWanted = 0;
        return out;
    }

    @Override
    public Map<String, Object> state() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("step", step);
        s.put("rng", rng.state());
        cursor.saveTo(s);
        nonFinite.saveTo(s);
        return s;
    }

    @Override
    public void restore(Map<String, Object> s) {
        step = ((Number) s.get("step")).longValue();
        rng.setState(((Number) s.get("rng")).longValue());
        cursor.restoreFrom(s);
        nonFinite.restoreFrom(s);
    }
}
