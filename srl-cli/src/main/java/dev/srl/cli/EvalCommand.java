package dev.srl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.data.StepwiseInstanceFile;
import dev.srl.core.io.AtomicOutput;
import dev.srl.core.model.SamplingParams;
import dev.srl.core.model.Transformer;
import dev.srl.core.model.io.ModelFolder;
import dev.srl.core.prompt.PromptRenderer;
import dev.srl.core.tokenizer.Tokenizer;
import dev.srl.core.tokenizer.Tokenizers;
import dev.srl.core.train.eval.StepEvaluation;
import dev.srl.core.train.run.SplitMixRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code srl eval}: the step reward of a model's next-step predictions on step-wise instances. */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        description = {
                "Generates a response for each step-wise instance (srl build-steps output) with a model folder or a "
                        + "training checkpoint, scores its action against the expert step with the SRL step reward, and "
                        + "prints the mean reward, the mean similarity of well-formed responses and the format rate. "
                        + "--out writes one JSON line per instance. Benchmark accuracy (AMC, AIME, ...) is the math adapter's.",
        },
        footer = {"", "Examples:",
                "  srl eval --model runs/srl-tiny/checkpoints/step-200 --data steps-val.jsonl",
                "  srl eval --model models/tiny --data steps-val.jsonl --temperature 1.0 --seed 3 --out eval.jsonl"})
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model folder (config.json, weights, tokenizer.json)")
    Path model;

    @Option(names = "--data", required = true, description = "Step-wise instances (JSONL)")
    Path data;

    @Option(names = "--template", defaultValue = "math-step", description = "math-step or agent-step (default: ${DEFAULT-VALUE})")
    String template;

    @Option(names = "--max-new-tokens", defaultValue = "512", description = "Generation limit (default: ${DEFAULT-VALUE})")
    int maxNewTokens;

    @Option(names = "--temperature", defaultValue = "0", description = "0 = greedy (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--batch", defaultValue = "8", description = "Prompts decoded together (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--limit", defaultValue = "0", description = "Evaluate only the first N instances (0 = all)")
    int limit;

    @Option(names = "--seed", defaultValue = "1", description = "Sampling seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "Write one JSON line per instance here")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (!template.equals("math-step") && !template.equals("agent-step")) {
            throw new IllegalArgumentException("--template must be math-step or agent-step, got " + template);
        }
        if (maxNewTokens < 1) throw new IllegalArgumentException("--max-new-tokens must be at least 1, got " + maxNewTokens);
        ModelFolder folder = ModelFolder.load(model);
        if (folder.tokenizerJson() == null) throw new IllegalArgumentException(model + ": the model folder has no tokenizer.json");
        Tokenizer tokenizer = Tokenizers.load(folder.tokenizerJson());
        Transformer policy = new Transformer(folder.config(), folder.weights());
        List<StepwiseInstance> instances = StepwiseInstanceFile.readAll(data);
        if (limit > 0 && instances.size() > limit) instances = instances.subList(0, limit);
        PromptRenderer renderer = template.equals("agent-step") ? PromptRenderer.agentSteps() : PromptRenderer.mathSteps();
        SamplingParams params = new SamplingParams(maxNewTokens, temperature, 0, 1.0, tokenizer.eosIds(), List.of());
        List<StepEvaluation.Item> items = StepEvaluation.run(policy, tokenizer, renderer, instances, params, batch, new SplitMixRandom(seed));
        if (out != null) {
            ObjectMapper json = new ObjectMapper();
            StringBuilder sb = new StringBuilder();
            for (StepEvaluation.Item i : items) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", i.id());
                m.put("completion", i.completion());
                m.put("reward", i.reward());
                m.put("similarity", Double.isNaN(i.similarity()) ? null : i.similarity());
                m.put("format_ok", i.formatOk());
                m.put("tokens", i.tokens());
                m.put("truncated", i.truncated());
                sb.append(json.writeValueAsString(m)).append('\n');
            }
            AtomicOutput.writeString(out, sb.toString());
        }
        System.out.println(StepEvaluation.summarize(items));
        return 0;
    }
}
