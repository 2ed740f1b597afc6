package dev.srl.cli;

import dev.srl.core.model.ModelBenchmark;
import dev.srl.core.model.ModelConfig;
import dev.srl.core.model.Transformer;
import dev.srl.core.train.grpo.GrpoStepBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code srl bench grpo-step}: how one GRPO/SRL step's wall time splits into sampling, reward and update. */
@Command(name = "grpo-step",
        mixinStandardHelpOptions = true,
        description = {
                "Runs GRPO steps on a random transformer (sizes of 'srl bench model': 1M, 10M, 30M parameters) with random "
                        + "prompts and a character-level difflib similarity reward, and prints the mean time per step of "
                        + "sampling (KV-cache decoding of G rollouts per prompt), reward (decoding and scoring) and update "
                        + "(forward, backward, clipping, AdamW), from the step's own timing metrics. One step is a warm-up.",
        },
        footer = {"", "Example:", "  srl bench grpo-step --size 1M --group 8 --prompts 4 --max-new-tokens 64 --steps 3"})
final class BenchGrpoStepCommand implements Callable<Integer> {

    @Option(names = "--size", defaultValue = "1M", description = "Model size: 1M, 10M or 30M (default: ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--group", defaultValue = "8", description = "Rollouts per prompt G (default: ${DEFAULT-VALUE})")
    int group;

    @Option(names = "--prompts", defaultValue = "4", description = "Prompts per step (default: ${DEFAULT-VALUE})")
    int prompts;

    @Option(names = "--prompt-length", defaultValue = "32", description = "Tokens per prompt (default: ${DEFAULT-VALUE})")
    int promptLength;

    @Option(names = "--max-new-tokens", defaultValue = "64", description = "Tokens generated per rollout (default: ${DEFAULT-VALUE})")
    int maxNewTokens;

    @Option(names = "--steps", defaultValue = "3", description = "Measured steps after the warm-up (default: ${DEFAULT-VALUE})")
    int steps;

    @Override
    public Integer call() {
        if (steps < 1) throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
        if (promptLength < 1) throw new IllegalArgumentException("--prompt-length must be at least 1, got " + promptLength);
        ModelConfig cfg = ModelBenchmark.sizes().stream().filter(s -> s.name().equals(size)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--size must be 1M, 10M or 30M, got " + size)).config();
        Transformer model = new Transformer(cfg, ModelBenchmark.randomWeights(cfg, 1));
        Function<int[], String> text = ids -> {
            StringBuilder sb = new StringBuilder();
            for (int id : ids) sb.append((char) ('a' + id % 26));
            return sb.toString();
        };
        GrpoStepBenchmark.Split s = GrpoStepBenchmark.run(model, text, GrpoStepBenchmark.config(group, prompts, maxNewTokens),
                cfg.vocabSize(), promptLength, steps, 1);
        System.out.printf("model %s (%d parameters), G %d, %d prompts of %d tokens, %d new tokens%n",
                size, model.parameterCount(), group, prompts, promptLength, maxNewTokens);
        System.out.println(s);
        return 0;
    }
}
