package dev.srl.core.train.grpo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Dynamic sampling (paper §4, after DAPO): a prompt's group of {@code G} rollouts is kept only if the
 * population standard deviation of its rewards exceeds ε, since a group whose rewards are all equal has
 * zero advantage and teaches nothing. Further prompts are sampled until the batch holds the wanted number
 * of kept groups or {@code maxRounds} sampling rounds have run. With {@code enabled == false} every group
 * is kept after one round (the paper's "SRL w/o dynamic sampling" ablation).
 *
 * <pre>{@code
 * DynamicSampler ds = new DynamicSampler(true, 1e-4, 8);
 * DynamicSampler.Outcome<Group> out = ds.collect(64, n -> rollOut(nextPrompts(n)), Group::rewards);
 * out.kept();            // up to 64 groups with spread
 * }</pre>
 *
 * @param enabled   whether to filter at all
 * @param epsilon   the std threshold: keep iff {@code std > epsilon}
 * @param maxRounds the most sampling rounds per batch (≥ 1)
 */
public record DynamicSampler(boolean enabled, double epsilon, int maxRounds) {
    public DynamicSampler {
        if (maxRounds < 1) throw new IllegalArgumentException("maxRounds must be >= 1, got " + maxRounds);
        if (!(epsilon >= 0)) throw new IllegalArgumentException("epsilon must be >= 0, got " + epsilon);
    }

    /**
     * @param kept            the kept groups, at most the wanted number, in sampling order
     * @param keptCount       groups kept (equals {@code kept.size()})
     * @param filteredCount   groups dropped for a spread ≤ ε
     * @param surplusCount    groups kept but beyond the wanted number in the last round (discarded)
     * @param rounds          sampling rounds run
     * @param sampledGroups   all groups sampled
     */
    public record Outcome<T>(List<T> kept, int keptCount, int filteredCount, int surplusCount, int rounds, int sampledGroups) {
        /** Whether the batch is short of the wanted size because the round cap was reached. */
        public boolean shortOf(int wanted) { return keptCount < wanted; }
    }

    /** Whether a group with these rewards is kept: {@code std > ε} (always, when disabled). */
    public boolean keeps(double[] rewards) {
        return !enabled || GroupAdvantage.populationStd(rewards, 0, rewards.length) > epsilon;
    }

    /**
     * Samples rounds of groups until {@code wanted} groups are kept or the round cap is reached.
     *
     * @param wanted  the number of groups the batch needs
     * @param sampler given a number of prompts, samples and scores that many groups
     * @param rewards the rewards of a group
     */
    public <T> Outcome<T> collect(int wanted, IntFunction<List<T>> sampler, Function<T, double[]> rewards) {
        if (wanted < 1) throw new IllegalArgumentException("wanted must be >= 1, got " + wanted);
        List<T> kept = new ArrayList<>();
        int filtered = 0, surplus = 0, rounds = 0, sampled = 0;
        while (kept.size() < wanted && rounds < maxRounds) {
            // Ask for what is missing; each round is a full request, so an empty source ends the loop.
            List<T> groups = sampler.apply(wanted - kept.size());
            rounds++;
            if (groups.isEmpty()) break;
            for (T g : groups) {
                sampled++;
                if (!keeps(rewards.apply(g))) {
                    filtered++;
                } else if (kept.size() < wanted) {
                    kept.add(g);
                } else {
                    surplus++;
                }
            }
            if (!enabled) break;
        }
        return new Outcome<>(List.copyOf(kept), kept.size(), filtered, surplus, rounds, sampled);
    }
}
