package dev.srl.math.quickstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.data.Step;
import dev.srl.core.data.StepwiseBuilder;
import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.data.StepwiseOptions;
import dev.srl.core.io.AtomicOutput;
import dev.srl.core.model.ModelConfig;
import dev.srl.core.model.Transformer;
import dev.srl.core.model.io.ModelConfigJson;
import dev.srl.core.model.io.ModelFolder;
import dev.srl.core.model.io.ModelWeights;
import dev.srl.core.reward.StepSimilarityReward;
import dev.srl.core.tokenizer.CharTokenizer;
import dev.srl.core.tokenizer.Tokenizers;
import dev.srl.core.train.grpo.AdvantageScaling;
import dev.srl.core.train.grpo.GroupAdvantage;
import dev.srl.core.train.grpo.GrpoConfig;
import dev.srl.core.train.grpo.GrpoPrompt;
import dev.srl.core.train.grpo.GrpoTrainer;
import dev.srl.core.train.grpo.KlEstimator;
import dev.srl.core.train.grpo.LossAggregation;
import dev.srl.core.train.optim.OptimizerConfig;
import dev.srl.core.train.run.TrainingRun;
import dev.srl.core.train.sft.SftConfig;
import dev.srl.core.train.sft.SftExample;
import dev.srl.core.train.sft.SftTrainer;
import dev.srl.math.bench.BenchmarkProblem;
import dev.srl.math.curriculum.GeneratedProblem;
import dev.srl.math.curriculum.ProblemGenerator;
import dev.srl.math.curriculum.ProblemKind;
import dev.srl.math.curriculum.SyntheticCurriculum;
import dev.srl.math.eval.BenchmarkScore;
import dev.srl.math.evaluation.CompactStepPrompt;
import dev.srl.math.evaluation.MathEvaluator;
import dev.srl.math.evaluation.PromptStyle;
import dev.srl.math.evaluation.StepSimilarityEval;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * SRL end to end on a tiny model, in minutes on a laptop CPU:
 * <ol>
 *   <li>make a synthetic curriculum: easy problems for a warm-up, harder ones for SRL, held-out harder ones;</li>
 *   <li>build a character tokenizer and a tiny random Qwen2-style model;</li>
 *   <li>SFT warm-up on the easy problems' step-wise instances, so the model learns the response format
 *       {@code <think>title</think>step} ({@link CompactStepPrompt});</li>
 *   <li>evaluate the starting model on the held-out problems;</li>
 *   <li>SRL: GRPO with dynamic sampling on the harder problems' step-wise instances, rewarded by
 *       {@link StepSimilarityReward} (−1 for a broken format);</li>
 *   <li>evaluate again, and write the run directory.</li>
 * </ol>
 * Two held-out measures: the similarity of the greedy next step to the expert's, on step-wise instances of the
 * held-out problems; and final-answer accuracy when the model solves a whole held-out problem step by step from
 * its own previous steps ({@link dev.srl.math.evaluation.StepwiseSolver}).
 *
 * <p>The run directory: {@code curriculum/} (the generated data), {@code sft/} and {@code srl/} (each a training
 * run: {@code config.yaml}, {@code metrics.jsonl}, {@code samples.jsonl}, {@code checkpoints/}, {@code report.html}),
 * {@code model/} (the final model folder, readable by {@code srl eval}), {@code results.json}, {@code results.md},
 * {@code eval-samples.jsonl} (each held-out instance's expert step and the greedy responses before and after)
 * and {@code report.html} (the table and links to both stages' curves).
 *
 * <pre>{@code
 * QuickstartResult r = MathQuickstart.run(QuickstartConfig.defaults(), Path.of("runs/quickstart"), System.err);
 * System.out.print(r.table());
 * }</pre>
 */
public final class MathQuickstart {
    /** The characters of the tokenizer: newline and printable ASCII, so any plain-text problem can be encoded. */
    public static final String ALPHABET;
    static {
        StringBuilder sb = new StringBuilder("\n");
        for (char c = ' '; c <= '~'; c++) sb.append(c);
        ALPHABET = sb.toString();
    }
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MathQuickstart() {
    }

    /** Runs the pipeline into {@code runDir} (which must not hold a run yet), with progress lines on {@code progress}. */
    public static QuickstartResult run(QuickstartConfig c, Path runDir, PrintStream progress) throws IOException {
        return run(c, null, runDir, progress);
    }

    /**
     * As {@link #run(QuickstartConfig, Path, PrintStream)}, but starting from the model folder {@code base} (a
     * character model with the compact prompt, e.g. an earlier run's {@code sft/checkpoints/step-N}) instead of
     * a random model and the SFT warm-up; {@code null} means the warm-up.
     */
    public static QuickstartResult run(QuickstartConfig c, Path base, Path runDir, PrintStream progress) throws IOException {
        long t0 = System.nanoTime();
        Clock clock = new Clock(progress, t0);
        if (Files.exists(runDir.resolve("results.json"))) throw new IllegalArgumentException(runDir + " already holds a quickstart run");
        Files.createDirectories(runDir);

        clock.phase("making the curriculum");
        var kinds = EnumSet.allOf(ProblemKind.class);
        SyntheticCurriculum easy = SyntheticCurriculum.make(new ProblemGenerator(c.easy(), kinds), c.seed(), c.sftProblems(), 0);
        SyntheticCurriculum hard = SyntheticCurriculum.make(new ProblemGenerator(c.hard(), kinds), c.seed() + 1,
                c.srlProblems(), c.testProblems());
        easy.write(runDir.resolve("curriculum/easy"));
        hard.write(runDir.resolve("curriculum/hard"));
        progress.printf(Locale.ROOT, "  %d easy problems for SFT, %d harder for SRL, %d held out (curriculum/)%n",
                easy.train().size(), hard.train().size(), hard.test().size());

        CharTokenizer tokenizer;
        ModelConfig mc;
        Transformer policy;
        if (base == null) {
            tokenizer = CharTokenizer.ofAlphabet(ALPHABET, withUnk(CharTokenizer.DEFAULT_SPECIALS));
            mc = new ModelConfig("qwen2", c.hiddenSize(), c.hiddenSize() * 8 / 3 / 8 * 8, c.layers(), c.heads(), c.heads() / 2,
                    c.hiddenSize() / c.heads(), 1e-6, 10000, tokenizer.vocabSize(), true, true, c.maxPositions(), -1, tokenizer.eosIds());
            policy = new Transformer(mc, ModelWeights.random(mc, c.seed(), DataType.FLOAT));
        } else {
            ModelFolder folder = ModelFolder.load(base);
            if (folder.tokenizerJson() == null || !(Tokenizers.load(folder.tokenizerJson()) instanceof CharTokenizer t)) {
                throw new IllegalArgumentException(base + ": the base model needs a character tokenizer (tokenizer.json of type "
                        + CharTokenizer.TYPE + "), like the quickstart's own checkpoints");
            }
            tokenizer = t;
            mc = folder.config();
            policy = new Transformer(mc, folder.weights());
        }
        tokenizer.save(runDir);
        progress.printf(Locale.ROOT, "  model: %d layers, hidden %d, %d heads (%d kv), %d characters in the vocabulary, %,d parameters%s%n",
                mc.numLayers(), mc.hiddenSize(), mc.numHeads(), mc.numKvHeads(), tokenizer.vocabSize(), policy.parameterCount(),
                base == null ? "" : ", from " + base);
        ModelConfig modelConfig = mc;
        Consumer<Path> modelFiles = dir -> {
            try {
                ModelConfigJson.write(modelConfig, dir.resolve(ModelFolder.CONFIG));
                tokenizer.save(dir);
                PromptStyle.COMPACT_STEPS.save(dir);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };

        if (base == null) {
            clock.phase("SFT warm-up: " + c.sftSteps() + " steps on the easy problems");
            List<SftExample> sft = new ArrayList<>();
            for (StepwiseInstance inst : instances(easy.train())) {
                String target = CompactStepPrompt.response(title(inst), inst.target()) + CompactStepPrompt.END_OF_RESPONSE;
                sft.add(new SftExample(tokenizer.encode(prompt(inst)), tokenizer.encode(target)));
            }
            var sftConfig = new SftConfig(c.sftBatch(), 0,
                    OptimizerConfig.cosine(c.sftLr(), Math.max(1, c.sftSteps() / 10), c.sftSteps(), c.sftLr() / 10), c.seed(), 0, 3);
            TrainingRun.create(runDir.resolve("sft"), Map.of("quickstart", c, "sft", sftConfig),
                            new TrainingRun.Options(c.sftSteps(), 0, 0, 0, false, new PhaseConsole(progress, "sft", 25), modelFiles))
                    .train(new CollectingTrainable(new SftTrainer(policy, sft, List.of(), sftConfig), 5));
        }

        List<StepwiseInstance> heldOut = instances(hard.test());
        if (heldOut.size() > c.evalInstances()) heldOut = heldOut.subList(0, c.evalInstances());
        List<BenchmarkProblem> heldOutProblems = hard.test().stream()
                .map(p -> new BenchmarkProblem(p.id(), p.problem(), p.answer(), null)).toList();
        var evalSettings = new MathEvaluator.Settings(c.evalSamples(), c.temperature(), c.maxNewTokens(), c.maxSolveSteps(), c.seed());

        clock.phase("evaluating the starting model on " + heldOut.size() + " held-out steps and " + heldOutProblems.size() + " problems");
        StepSimilarityEval.Summary stepsBefore = StepSimilarityEval.evaluate(policy, tokenizer, heldOut, c.maxNewTokens());
        MathEvaluator.Result answersBefore = MathEvaluator.evaluate("held-out", heldOutProblems, policy, tokenizer,
                PromptStyle.COMPACT_STEPS, mc.maxPositionEmbeddings(), evalSettings);
        QuickstartMetrics before = QuickstartMetrics.of(stepsBefore, answersBefore.score());
        progress.println("  " + summary(before));

        clock.phase("SRL: " + c.srlSteps() + " GRPO steps with dynamic sampling on the harder problems");
        List<GrpoPrompt> prompts = new ArrayList<>();
        for (StepwiseInstance inst : instances(hard.train())) {
            prompts.add(new GrpoPrompt(inst.id(), tokenizer.encode(prompt(inst)), inst.target()));
        }
        GrpoConfig grpo = new GrpoConfig(c.groupSize(), c.promptsPerStep(), c.maxNewTokens(), c.temperature(), 0, 1.0,
                tokenizer.eosIds(), 1, 0.2, 0.28, 0.0, KlEstimator.K3, LossAggregation.TOKEN_MEAN, AdvantageScaling.GROUP,
                GroupAdvantage.DEFAULT_EPSILON, true, 1e-4, 4, false, 16, OptimizerConfig.constant(c.srlLr()), c.seed(), 3);
        TrainingRun.create(runDir.resolve("srl"), Map.of("quickstart", c, "grpo", grpo),
                        new TrainingRun.Options(c.srlSteps(), 0, 10, 2, false, new PhaseConsole(progress, "srl", 5), modelFiles))
                .train(new CollectingTrainable(new GrpoTrainer(policy, null, tokenizer::decode, new StepSimilarityReward(), prompts, grpo), 1));

        clock.phase("evaluating after SRL");
        StepSimilarityEval.Summary stepsAfter = StepSimilarityEval.evaluate(policy, tokenizer, heldOut, c.maxNewTokens());
        MathEvaluator.Result answersAfter = MathEvaluator.evaluate("held-out", heldOutProblems, policy, tokenizer,
                PromptStyle.COMPACT_STEPS, mc.maxPositionEmbeddings(), evalSettings);
        QuickstartMetrics after = QuickstartMetrics.of(stepsAfter, answersAfter.score());
        progress.println("  " + summary(after));

        clock.phase("writing the run directory");
        ModelFolder.save(runDir.resolve("model"), mc, policy.parameters(), runDir.resolve("tokenizer.json"));
        PromptStyle.COMPACT_STEPS.save(runDir.resolve("model"));
        writeEvalSamples(runDir.resolve("eval-samples.jsonl"), stepsBefore, stepsAfter, hard.test(), answersBefore, answersAfter);
        double wall = (System.nanoTime() - t0) / 1e9;
        QuickstartResult result = new QuickstartResult(runDir, before, after, wall, PeakMemory.residentMiB());
        writeResults(runDir, c, base, result, answersBefore.score(), answersAfter.score());
        clock.phase("done");
        return result;
    }

    /**
     * Every step of every problem as a step-wise instance: all earlier expert steps as context, the step's title
     * as hint (the warm-up's monologue). The first step is a target too, so the model learns to begin a solution.
     */
    public static List<StepwiseInstance> instances(List<GeneratedProblem> problems) {
        var builder = new StepwiseBuilder(StepwiseOptions.math().withTitleHint(true).withTargets(StepwiseOptions.Targets.ALL));
        List<StepwiseInstance> out = new ArrayList<>();
        for (GeneratedProblem p : problems) out.addAll(builder.build(p.toTrajectory("train")));
        return out;
    }

    private static String prompt(StepwiseInstance inst) {
        return CompactStepPrompt.prompt(inst.task(), inst.context().stream().map(Step::action).toList());
    }

    /** The warm-up's monologue: the expert step's title, a one-line plan ("Multiply") written before the step. */
    private static String title(StepwiseInstance inst) {
        return inst.hint() == null ? "" : inst.hint();
    }

    private static List<String> withUnk(List<String> specials) {
        List<String> out = new ArrayList<>(specials);
        out.add(CharTokenizer.UNK);
        return out;
    }

    private static String summary(QuickstartMetrics m) {
        return String.format(Locale.ROOT, "step similarity %.3f, format ok %.0f%%, accuracy %.1f%%%s", m.stepSimilarity(),
                100 * m.formatOk(), 100 * m.greedyAccuracy(),
                m.k() > 0 ? String.format(Locale.ROOT, ", avg@%d %.1f%%, pass@%d %.1f%%", m.k(), 100 * m.averageAtK(), m.k(), 100 * m.passAtK()) : "");
    }

    private static void writeEvalSamples(Path file, StepSimilarityEval.Summary before, StepSimilarityEval.Summary after,
                                         List<GeneratedProblem> problems, MathEvaluator.Result solvedBefore,
                                         MathEvaluator.Result solvedAfter) throws IOException {
        ObjectMapper line = new ObjectMapper();
        try (AtomicOutput out = AtomicOutput.create(file)) {
            var w = out.writer();
            for (int i = 0; i < before.scores().size(); i++) {
                var b = before.scores().get(i);
                var a = after.scores().get(i);
                ObjectNode o = line.createObjectNode();
                o.put("kind", "step").put("id", b.id()).put("expert", b.expert());
                o.put("start", b.response()).put("start_similarity", b.similarity());
                o.put("after_srl", a.response()).put("after_srl_similarity", a.similarity());
                w.write(line.writeValueAsString(o));
                w.write('\n');
            }
            for (int i = 0; i < problems.size(); i++) {
                ObjectNode o = line.createObjectNode();
                o.put("kind", "problem").put("id", problems.get(i).id()).put("problem", problems.get(i).problem())
                        .put("answer", problems.get(i).answer());
                o.put("start", solvedBefore.greedy().get(i)).put("start_correct", solvedBefore.problems().get(i).greedyCorrect());
                o.put("after_srl", solvedAfter.greedy().get(i)).put("after_srl_correct", solvedAfter.problems().get(i).greedyCorrect());
                w.write(line.writeValueAsString(o));
                w.write('\n');
            }
            out.commit();
        }
    }

    private static void writeResults(Path runDir, QuickstartConfig c, Path base, QuickstartResult r, BenchmarkScore before,
                                     BenchmarkScore after) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("config", JSON.valueToTree(c));
        if (base != null) root.put("base_model", base.toString());
        ObjectNode start = root.putObject("start");
        r.start().asMap().forEach(start::put);
        ObjectNode end = root.putObject("after_srl");
        r.afterSrl().asMap().forEach(end::put);
        ObjectNode change = root.putObject("change");
        r.afterSrl().asMap().forEach((k, v) -> change.put(k, v - r.start().asMap().get(k)));
        ArrayNode scores = root.putArray("benchmark_scores");
        scores.add(before.toJson().put("model", "start"));
        scores.add(after.toJson().put("model", "after_srl"));
        root.put("wall_seconds", r.wallSeconds());
        root.put("peak_rss_mib", r.peakMiB());
        AtomicOutput.writeString(runDir.resolve("results.json"), JSON.writeValueAsString(root) + "\n");
        AtomicOutput.writeString(runDir.resolve("results.md"), r.table());
        AtomicOutput.writeString(runDir.resolve("report.html"), QuickstartReport.html(runDir, r));
    }

    /** Prints phase headers with the elapsed time. */
    private record Clock(PrintStream out, long t0) {
        void phase(String what) {
            out.printf(Locale.ROOT, "[quickstart %5.1fs] %s%n", (System.nanoTime() - t0) / 1e9, what);
        }
    }
}
