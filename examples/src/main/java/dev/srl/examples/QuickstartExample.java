package dev.srl.examples;

import dev.srl.core.data.*;
import dev.srl.core.model.ModelConfig;
import dev.srl.core.model.Transformer;
import dev.srl.core.model.io.ModelWeights;
import dev.srl.core.reward.StepSimilarityReward;
import dev.srl.core.tokenizer.CharTokenizer;
import dev.srl.core.train.grpo.*;
import dev.srl.core.train.optim.OptimizerConfig;
import dev.srl.core.train.sft.SftConfig;
import dev.srl.core.train.sft.SftExample;
import dev.srl.core.train.sft.SftTrainer;
import dev.srl.math.curriculum.*;
import dev.srl.math.evaluation.CompactStepPrompt;
import dev.srl.math.evaluation.StepSimilarityEval;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.*;

/**
 * The quickstart's flow in one page: SFT warm-up on easy problems, then SRL (GRPO on the step-similarity reward)
 * on harder ones, with the held-out step similarity before and after. {@code srl quickstart} does the same with
 * a run directory, answer accuracy and a report ({@link dev.srl.math.quickstart.MathQuickstart}).
 */
public final class QuickstartExample {
    public static void main(String[] args) {
        var kinds = EnumSet.allOf(ProblemKind.class);
        var easy = SyntheticCurriculum.make(new ProblemGenerator(new Difficulty(2, 2, 1), kinds), 1, 600, 0);
        var hard = SyntheticCurriculum.make(new ProblemGenerator(new Difficulty(2, 3, 1), kinds), 2, 600, 40);

        var alphabet = new StringBuilder("\n");
        for (char ch = ' '; ch <= '~'; ch++) alphabet.append(ch);
        var tok = CharTokenizer.ofAlphabet(alphabet.toString());
        var config = new ModelConfig("qwen2", 96, 256, 2, 4, 2, 24, 1e-6, 10000, tok.vocabSize(), true, true, 512, -1, tok.eosIds());
        var policy = new Transformer(config, ModelWeights.random(config, 1, DataType.FLOAT));

        // 1. SFT warm-up: <think>title</think>step, so the model learns the response format.
        List<SftExample> sft = new ArrayList<>();
        for (StepwiseInstance s : instances(easy.train())) {
            String target = CompactStepPrompt.response(s.hint(), s.target()) + CompactStepPrompt.END_OF_RESPONSE;
            sft.add(new SftExample(tok.encode(prompt(s)), tok.encode(target)));
        }
        var sftTrainer = new SftTrainer(policy, sft, List.of(), new SftConfig(16, 0, OptimizerConfig.cosine(3e-3, 20, 200, 3e-4), 1, 0, 3));
        for (int i = 0; i < 200; i++) sftTrainer.trainStep();

        List<StepwiseInstance> heldOut = instances(hard.test());
        System.out.printf("start:     step similarity %.3f%n", StepSimilarityEval.evaluate(policy, tok, heldOut, 96).meanSimilarity());

        // 2. SRL: G rollouts per step-wise instance, reward = similarity to the expert step (-1 for a broken format).
        List<GrpoPrompt> prompts = new ArrayList<>();
        for (StepwiseInstance s : instances(hard.train())) prompts.add(new GrpoPrompt(s.id(), tok.encode(prompt(s)), s.target()));
        var grpo = new GrpoConfig(8, 6, 96, 1.0, 0, 1.0, tok.eosIds(), 1, 0.2, 0.28, 0.0, KlEstimator.K3,
                LossAggregation.TOKEN_MEAN, AdvantageScaling.GROUP, 1e-6,
                true, 1e-4, 4, false, 0, OptimizerConfig.constant(3e-4), 1, 3);
        var srl = new GrpoTrainer(policy, null, tok::decode, new StepSimilarityReward(), prompts, grpo);
        for (int i = 0; i < 40; i++) {
            var report = srl.trainStep();
            if (i % 10 == 9) System.out.printf("SRL step %d: reward %.3f%n", i + 1, report.metrics().get("reward_mean"));
        }
        System.out.printf("after SRL: step similarity %.3f%n", StepSimilarityEval.evaluate(policy, tok, heldOut, 96).meanSimilarity());
    }

    /** Instance k of a problem: the task and expert steps before k; the target is step k, the hint its title. */
    static List<StepwiseInstance> instances(List<GeneratedProblem> problems) {
        var builder = new StepwiseBuilder(StepwiseOptions.math().withTitleHint(true).withTargets(StepwiseOptions.Targets.ALL));
        return problems.stream().flatMap(p -> builder.build(p.toTrajectory("train")).stream()).toList();
    }

    static String prompt(StepwiseInstance s) {
        return CompactStepPrompt.prompt(s.task(), s.context().stream().map(Step::action).toList());
    }
}
