package dev.srl.examples;

import dev.srl.core.data.Step;
import dev.srl.core.data.StepwiseBuilder;
import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.data.StepwiseOptions;
import dev.srl.core.data.Trajectory;
import dev.srl.core.reward.StepSimilarityReward;

import java.util.List;

/**
 * The getting-started example: cut an expert solution into step-wise instances, then score a model's
 * response for the second step with SRL's step reward. No model, no ND4J: it runs in milliseconds.
 *
 * <pre>{@code
 * mvn -q -o -DskipTests package
 * java -cp "examples/target/classes:srl-cli/target/lib/*" dev.srl.examples.ScoreStepExample
 * }</pre>
 */
public final class ScoreStepExample {

    public static void main(String[] args) {
        Trajectory expert = new Trajectory("apples", "Tom has 3 apples, buys 4 and eats 2. How many are left?", null,
                List.of(Step.of("1. **Add** 3 + 4 = 7."), Step.of("2. **Subtract** 7 - 2 = 5.")));
        List<StepwiseInstance> instances = new StepwiseBuilder(StepwiseOptions.math()).build(expert);
        StepwiseInstance second = instances.get(0);                     // context: task + step 1; target: step 2
        String response = "<think>Two were eaten.</think> 2. **Subtract** 7 - 2 = 5";
        StepSimilarityReward.Score score = new StepSimilarityReward().score(response, second.target());
        System.out.printf("%s: target '%s', reward %.4f%n", second.id(), second.target(), score.reward());
        System.out.printf("no think block: reward %.1f%n", new StepSimilarityReward().score("7 - 2 = 5", second.target()).reward());
    }

    private ScoreStepExample() {
    }
}
