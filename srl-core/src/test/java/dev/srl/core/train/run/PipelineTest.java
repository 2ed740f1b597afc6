package dev.srl.core.train.run;

import dev.srl.core.train.TabularPolicy;
import dev.srl.core.train.ToyTask;
import dev.srl.core.train.grpo.GrpoPrompt;
import dev.srl.core.train.grpo.GrpoTrainer;
import dev.srl.core.train.grpo.LossAggregation;
import dev.srl.core.train.optim.OptimizerConfig;
import dev.srl.core.train.sft.SftConfig;
import dev.srl.core.train.sft.SftExample;
import dev.srl.core.train.sft.SftTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineTest {
    @Test
    void secondStageStartsFromTheFirstStagesSelectedCheckpoint(@TempDir Path root) throws IOException {
        TabularPolicy policy = new TabularPolicy(6);
        SftConfig sft = new SftConfig(2, 0, OptimizerConfig.constant(0.2), 1, 0, 3);
        Pipeline.Stage first = new Pipeline.Stage("sft", sft, new TrainingRun.Options(20, 5, 0, 0, false, null, null),
                p -> new SftTrainer(p, List.of(new SftExample(new int[] {0}, new int[] {1, 2, 3, 4, ToyTask.EOS})), List.of(), sft),
                Pipeline.latest());
        double[][] afterSft = new double[1][];
        Pipeline.Stage second = new Pipeline.Stage("grpo", Map.of(), new TrainingRun.Options(3, 0, 0, 0, false, null, null),
                p -> {
                    afterSft[0] = p.parameters().get("table").dup().data().asDouble();
                    return new GrpoTrainer(p, null, ToyTask::decode, ToyTask.MATCH,
                            List.of(new GrpoPrompt("p", new int[] {0}, "abcd")), ToyTask.config(1, LossAggregation.TOKEN_MEAN, 0));
                }, Pipeline.latest());
        Path last = new Pipeline(List.of(first, second)).run(root, policy);
        assertEquals(root.resolve("grpo/checkpoints/step-3"), last);
        TabularPolicy check = new TabularPolicy(6);
        Checkpoints.loadWeights(root.resolve("sft/checkpoints/step-20"), check);
        assertArrayEquals(check.parameters().get("table").data().asDouble(), afterSft[0], 0.0);
        double reward = Files.readAllLines(root.resolve("grpo/metrics.jsonl")).stream()
                .mapToDouble(l -> Double.parseDouble(l.replaceAll(".*\"reward_mean\":([0-9.eE-]+).*", "$1"))).average().orElse(0);
        assertTrue(reward > 0.7, "the RL stage starts from the SFT weights, reward " + reward);
        assertTrue(Files.readString(root.resolve("pipeline.json")).contains("step-20"));
        // Running again finds both stages finished and trains nothing more.
        assertEquals(last, new Pipeline(List.of(first, second)).run(root, new TabularPolicy(6)));
    }
}
