package dev.srl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.srl.math.bench.BenchmarkLayout;
import dev.srl.math.bench.BenchmarkLoader;
import dev.srl.math.bench.BenchmarkProblem;
import dev.srl.math.eval.BenchmarkScore;
import dev.srl.math.eval.ProblemResult;
import dev.srl.math.evaluation.MathEvaluator;
import dev.srl.math.evaluation.PromptStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code srl eval}: runs a model folder on a math benchmark and scores its answers ({@code --task math --benchmark}),
 * or scores its next-step predictions on step-wise instances with the SRL step reward ({@code --data}).
 */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        description = {
                "Two evaluations. With --data: generates a response for each step-wise instance (srl build-steps "
                        + "output), scores its action against the expert step with the SRL step reward, and prints the "
                        + "mean reward, the mean similarity of well-formed responses and the format rate; --out writes "
                        + "one JSON line per instance (--temperature defaults to 0, greedy).",
                "With --task math --benchmark: runs the model on a math benchmark and scores its answers: greedy accuracy, avg@k of --k samples at "
                        + "--temperature, and unbiased pass@k for k = 1, 2, 4, ... up to --k.",
                "Chat models get the paper's evaluation prompt (\"Please reason step by step, and put your final answer "
                        + "within \\boxed{}...\") as a ChatML system message with the problem as the user message. "
                        + "Character models trained by 'srl quickstart' (srl.json says prompt_style compact-steps) "
                        + "solve each problem step by step from their own previous steps, since that is what they "
                        + "were trained to do. The answer is the last \\boxed{} of the text.",
                "Prints a markdown table; --out writes JSON with the scores and each problem's greedy solution "
                        + "(--temperature defaults to 1.0 here; greedy decoding always runs too)."},
        sortOptions = false,
        footer = {
                "",
                "Examples:",
                "  srl eval --model runs/srl-tiny/checkpoints/step-200 --data steps-val.jsonl --out eval.jsonl",
                "  srl eval --task math --model runs/quickstart-x/model \\",
                "      --benchmark runs/quickstart-x/curriculum/hard/test.problems.jsonl --k 8 --temperature 1.0",
                "  srl eval --task math --model models/qwen2.5-0.5b-instruct --benchmark aime24.jsonl \\",
                "      --k 32 --temperature 0.6 --max-new-tokens 4096 --out aime24-results.json"})
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", description = "Step-wise instances (JSONL) for the step-reward evaluation.")
    Path data;

    @Option(names = "--template", defaultValue = "math-step", description = "With --data: math-step or agent-step (default: ${DEFAULT-VALUE}).")
    String template;

    @Option(names = "--batch", defaultValue = "8", description = "With --data: prompts decoded together (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--limit", defaultValue = "0", description = "With --data: evaluate only the first N instances (0 = all).")
    int limit;

    @Option(names = "--task", paramLabel = "TASK", description = "With --benchmark: the task family; 'math' is the one evaluated here.")
    String task;

    @Option(names = "--benchmark", paramLabel = "FILE", description = "Benchmark JSONL (AIME, AMC, MATH-500, Minerva, or {id, problem, answer}).")
    Path benchmark;

    @Option(names = "--layout", paramLabel = "NAME", description = "aime24, aime25, amc23, math500, minerva or generic (default: detected).")
    String layout;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder: config.json, model.safetensors, tokenizer.json (and srl.json).")
    Path model;

    @Option(names = "--k", defaultValue = "0", paramLabel = "N", description = "Samples per problem for avg@k and pass@k (default: ${DEFAULT-VALUE}, greedy only).")
    int k;

    @Option(names = "--temperature", paramLabel = "T",
            description = "Sampling temperature: of the --k samples with --benchmark (default 1.0), of every response with --data (default 0, greedy).")
    Double temperature;

    @Option(names = "--max-new-tokens", defaultValue = "512", paramLabel = "N",
            description = "Generation limit per response, per step for step-wise models (default: ${DEFAULT-VALUE}; clipped to the model's context).")
    int maxNewTokens;

    @Option(names = "--max-steps", defaultValue = "8", paramLabel = "N", description = "Steps a step-wise model may write per problem (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--seed", defaultValue = "1", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the results here (atomically): JSON with --benchmark, one JSON line per instance with --data.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if ((data == null) == (benchmark == null)) throw new IllegalArgumentException("give either --data (step-wise instances) or --task math --benchmark FILE");
        if (data != null) return stepReward();
        if (task == null || !task.equals("math")) throw new IllegalArgumentException("--task " + task + " is not supported with --benchmark; use --task math");
        if (maxNewTokens < 1) throw new IllegalArgumentException("--max-new-tokens must be at least 1, got " + maxNewTokens);
        double temperature = this.temperature == null ? 1.0 : this.temperature;
        List<BenchmarkProblem> problems = BenchmarkLoader.load(benchmark, layout == null ? null : BenchmarkLayout.parse(layout));
        ModelFolder folder = ModelFolder.load(model);
        if (folder.tokenizerJson() == null) throw new IllegalArgumentException(model + " has no tokenizer.json");
        Tokenizer tokenizer = Tokenizers.load(folder.tokenizerJson());
        PromptStyle style = PromptStyle.of(model, tokenizer);
        Transformer policy = new Transformer(folder.config(), folder.weights());
        int positions = folder.config().maxPositionEmbeddings();
        // A step-wise model's prompt grows with its steps; keep room for at least a short one.
        int limit = style == PromptStyle.COMPACT_STEPS ? Math.min(maxNewTokens, Math.max(1, positions / 4)) : Math.min(maxNewTokens, positions - 1);
        var settings = new MathEvaluator.Settings(k, temperature, limit, maxSteps, seed);
        String name = benchmark.getFileName().toString().replaceFirst("\\.jsonl$", "");
        MathEvaluator.Result r = MathEvaluator.evaluate(name, problems, policy, tokenizer, style, positions, settings);

        PrintWriter o = spec.commandLine().getOut();
        o.print(BenchmarkScore.markdown(List.of(r.score())));
        o.flush();
        if (out != null) AtomicOutput.writeString(out, json(r, style, settings));
        return 0;
    }

    private String json(MathEvaluator.Result r, PromptStyle style, MathEvaluator.Settings s) throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("model", model.toString());
        root.put("benchmark", benchmark.toString());
        root.put("prompt_style", style.id());
        root.set("settings", json.valueToTree(s));
        root.set("score", r.score().toJson());
        ArrayNode problems = root.putArray("problems");
        for (int i = 0; i < r.problems().size(); i++) {
            ProblemResult p = r.problems().get(i);
            problems.addObject().put("id", p.id()).put("greedy_correct", p.greedyCorrect()).put("samples", p.samples())
                    .put("correct", p.correct()).put("greedy", r.greedy().get(i));
        }
        return json.writeValueAsString(root) + "\n";
    }

    /** {@code --data}: the SRL step reward of the model's responses to step-wise instances. */
    private int stepReward() throws Exception {
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
        double t = temperature == null ? 0 : temperature;
        SamplingParams params = new SamplingParams(maxNewTokens, t, 0, 1.0, tokenizer.eosIds(), List.of());
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
        PrintWriter o = spec.commandLine().getOut();
        o.println(StepEvaluation.summarize(items));
        o.flush();
        return 0;
    }
}
