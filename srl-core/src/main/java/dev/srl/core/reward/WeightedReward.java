package dev.srl.core.reward;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A weighted sum of named reward functions, {@code r = Σ w_i · r_i}, that also hands back each component's
 * own (unweighted) scores so the trainer can log {@code reward/<name>/mean} per function.
 *
 * <pre>{@code
 * var reward = new WeightedReward("srl_plus_answer", List.of(
 *         new WeightedReward.Component(new StepSimilarityReward(), 1.0),
 *         new WeightedReward.Component(answerCheck, 0.5)));
 * WeightedReward.Scores s = reward.scoreAll(batch);
 * s.total();                              // what the advantages are computed from
 * s.components().get("step_similarity");  // for the metrics
 * }</pre>
 */
public final class WeightedReward implements RewardFunction {

    /** One term of the sum. */
    public record Component(RewardFunction function, double weight) {
        public Component {
            if (function == null) throw new IllegalArgumentException("a component needs a reward function");
            if (!Double.isFinite(weight)) throw new IllegalArgumentException("weight of " + function.name() + " is " + weight);
        }
    }

    /**
     * The scores of one batch.
     *
     * @param total      the weighted sum per request
     * @param components each component's unweighted scores, by name, in the order the components were given
     */
    public record Scores(double[] total, Map<String, double[]> components) {
    }

    private final String name;
    private final List<Component> components;

    /** Combines {@code components}; their names must be distinct, and there must be at least one. */
    public WeightedReward(String name, List<Component> components) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a weighted reward needs a name");
        if (components.isEmpty()) throw new IllegalArgumentException("a weighted reward needs at least one component");
        Set<String> seen = new HashSet<>();
        for (Component c : components) {
            if (!seen.add(c.function().name())) {
                throw new IllegalArgumentException("two reward components are both named '" + c.function().name() + "'");
            }
        }
        this.name = name;
        this.components = List.copyOf(components);
    }

    @Override
    public String name() { return name; }

    /** The components, in order. */
    public List<Component> components() { return components; }

    /** The weighted sum and every component's own scores. */
    public Scores scoreAll(List<RewardRequest> batch) {
        double[] total = new double[batch.size()];
        Map<String, double[]> parts = new LinkedHashMap<>();
        for (Component c : components) {
            double[] s = c.function().score(batch);
            if (s.length != batch.size()) {
                throw new IllegalStateException("reward '" + c.function().name() + "' returned " + s.length
                        + " scores for " + batch.size() + " requests");
            }
            for (int k = 0; k < total.length; k++) total[k] += c.weight() * s[k];
            parts.put(c.function().name(), s);
        }
        return new Scores(total, Collections.unmodifiableMap(parts));
    }

    @Override
    public double[] score(List<RewardRequest> batch) {
        return scoreAll(batch).total();
    }
}
