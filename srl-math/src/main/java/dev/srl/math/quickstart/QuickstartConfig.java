package dev.srl.math.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.math.curriculum.Difficulty;

import java.util.Map;

/**
 * Every knob of {@link MathQuickstart}, with defaults sized to finish in a few minutes on two CPU cores.
 *
 * <pre>{@code
 * QuickstartConfig c = QuickstartConfig.defaults().withSteps(100, 40);
 * QuickstartConfig d = c.with(Map.of("srlLr", "3e-4", "hard.maxSteps", "4"));
 * }</pre>
 *
 * @param seed            seeds the curriculum, the weights, the data order and the sampling
 * @param easy            difficulty of the SFT warm-up problems
 * @param hard            difficulty of the SRL problems and of the held-out problems
 * @param sftProblems     easy problems for the warm-up
 * @param srlProblems     hard problems for SRL
 * @param testProblems    held-out hard problems (never in any train split: the curriculum splits by a hash of the text)
 * @param hiddenSize      model width
 * @param layers          transformer blocks
 * @param heads           query heads (key/value heads are half of them: grouped-query attention)
 * @param maxPositions    context length
 * @param sftSteps        warm-up updates
 * @param sftBatch        examples per warm-up update
 * @param sftLr           warm-up peak learning rate (cosine schedule, 10% warm-up)
 * @param srlSteps        SRL (GRPO) updates
 * @param groupSize       G, rollouts per step-wise instance
 * @param promptsPerStep  groups kept per SRL update (dynamic sampling fills the batch)
 * @param srlLr           SRL learning rate (constant, as in the paper)
 * @param temperature     rollout temperature
 * @param maxNewTokens    the most tokens of one response (think block plus step)
 * @param evalInstances   held-out step-wise instances for the step-similarity metric
 * @param maxSolveSteps   the most steps the model may write when solving a held-out problem
 * @param evalSamples     k, sampled solutions per held-out problem for avg@k and pass@k (0: greedy only)
 */
public record QuickstartConfig(long seed, Difficulty easy, Difficulty hard, int sftProblems, int srlProblems, int testProblems,
                               int hiddenSize, int layers, int heads, int maxPositions,
                               int sftSteps, int sftBatch, double sftLr,
                               int srlSteps, int groupSize, int promptsPerStep, double srlLr, double temperature,
                               int maxNewTokens, int evalInstances, int maxSolveSteps, int evalSamples) {

    public QuickstartConfig {
        if (hiddenSize % heads != 0 || heads % 2 != 0) {
            throw new IllegalArgumentException("hiddenSize must be a multiple of heads, and heads even; got " + hiddenSize + "/" + heads);
        }
        if (sftSteps < 1 || srlSteps < 0) throw new IllegalArgumentException("need sftSteps >= 1 and srlSteps >= 0");
        if (testProblems < 1 || evalInstances < 1) throw new IllegalArgumentException("need held-out problems and instances");
    }

    /** The quickstart's settings. */
    public static QuickstartConfig defaults() {
        return new QuickstartConfig(1, new Difficulty(2, 2, 1), new Difficulty(2, 3, 1), 600, 600, 60,
                96, 2, 4, 512,
                200, 16, 3e-3,
                40, 8, 6, 3e-4, 1.0,
                96, 60, 5, 4);
    }

    /** A toy size for tests: a few steps of everything. */
    public static QuickstartConfig toy() {
        return new QuickstartConfig(1, new Difficulty(2, 2, 1), new Difficulty(2, 3, 1), 40, 40, 4,
                32, 1, 2, 256,
                3, 4, 3e-3,
                2, 4, 2, 1e-3, 1.0,
                24, 4, 2, 2);
    }

    /** The same settings with other step counts. */
    public QuickstartConfig withSteps(int sft, int srl) {
        return new QuickstartConfig(seed, easy, hard, sftProblems, srlProblems, testProblems, hiddenSize, layers, heads,
                maxPositions, sft, sftBatch, sftLr, srl, groupSize, promptsPerStep, srlLr, temperature, maxNewTokens,
                evalInstances, maxSolveSteps, evalSamples);
    }

    /** The same settings with another seed. */
    public QuickstartConfig withSeed(long s) {
        return new QuickstartConfig(s, easy, hard, sftProblems, srlProblems, testProblems, hiddenSize, layers, heads,
                maxPositions, sftSteps, sftBatch, sftLr, srlSteps, groupSize, promptsPerStep, srlLr, temperature, maxNewTokens,
                evalInstances, maxSolveSteps, evalSamples);
    }

    /**
     * The same settings with some fields replaced, named as the record components ({@code srlLr}) or, inside the
     * difficulties, dotted ({@code hard.maxDigits}); values are parsed as JSON scalars.
     *
     * @throws IllegalArgumentException naming the field when it does not exist or its value does not fit
     */
    public QuickstartConfig with(Map<String, String> overrides) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = json.valueToTree(this);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String[] path = e.getKey().split("\\.");
            ObjectNode parent = tree;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode next = parent.get(path[i]);
                if (!(next instanceof ObjectNode o)) throw new IllegalArgumentException("quickstart setting '" + e.getKey() + "' does not exist");
                parent = o;
            }
            String leaf = path[path.length - 1];
            if (!parent.has(leaf) || parent.get(leaf).isObject()) {
                throw new IllegalArgumentException("quickstart setting '" + e.getKey() + "' does not exist; settings: " + fieldNames(tree));
            }
            try {
                parent.set(leaf, json.readTree(e.getValue()));
            } catch (java.io.IOException ex) {
                throw new IllegalArgumentException("quickstart setting '" + e.getKey() + "': '" + e.getValue() + "' is not a number or boolean");
            }
        }
        try {
            return json.treeToValue(tree, QuickstartConfig.class);
        } catch (java.io.IOException ex) {
            throw new IllegalArgumentException("quickstart settings " + overrides + ": " + ex.getMessage(), ex);
        }
    }

    private static String fieldNames(ObjectNode tree) {
        StringBuilder sb = new StringBuilder();
        tree.fieldNames().forEachRemaining(n -> sb.append(sb.length() == 0 ? "" : ", ").append(n));
        return sb.toString();
    }
}
