package dev.srl.math.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.data.Step;
import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.model.ModelConfig;
import dev.srl.core.model.PolicyModel;
import dev.srl.core.model.Transformer;
import dev.srl.core.model.io.ModelConfigJson;
import dev.srl.core.model.io.ModelFolder;
import dev.srl.core.model.io.ModelWeights;
import dev.srl.core.reward.RewardFunction;
import dev.srl.core.reward.StepSimilarityReward;
import dev.srl.core.tokenizer.CharTokenizer;
import dev.srl.core.train.grpo.AdvantageScaling;
import dev.srl.core.train.grpo.GroupAdvantage;
import dev.srl.core.train.grpo.GrpoConfig;
import dev.srl.core.train.grpo.GrpoPrompt;
import dev.srl.core.train.grpo.GrpoTrainer;
import dev.srl.core.train.grpo.KlEstimator;
import dev.srl.core.train.grpo.LossAggregation;
import dev.srl.core.train.optim.OptimizerConfig;
import dev.srl.core.train.run.Pipeline;
import dev.srl.core.train.run.TrainingRun;
import dev.srl.core.train.sft.SftConfig;
import dev.srl.core.train.sft.SftExample;
import dev.srl.core.train.sft.SftTrainer;
import dev.srl.math.answer.MathAnswerReward;
import dev.srl.math.curriculum.GeneratedProblem;
import dev.srl.math.curriculum.ProblemGenerator;
import dev.srl.math.curriculum.ProblemKind;
import dev.srl.math.curriculum.SyntheticCurriculum;
import dev.srl.math.evaluation.CompactStepPrompt;
import dev.srl.math.evaluation.PromptStyle;
import dev.srl.math.quickstart.MathQuickstart;
import dev.srl.math.quickstart.PhaseConsole;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The paper's comparison at small scale: one base model, six training methods under matched budgets, scored on
 * held-out problems per difficulty level.
 * <ol>
 *   <li>curricula: easy problems for the base model's warm-up, a hard split to train on, held-out hard problems;</li>
 *   <li>the base model: a tiny character model given an SFT warm-up on the easy problems in both modes (next step,
 *       {@link CompactStepPrompt}; whole solution, {@link WholeSolution}), standing in for the paper's instruct
 *       model; saved once to {@code base/model}, and every method starts from that folder (a run directory that
 *       already holds {@code base/model} reuses it instead of warming up again);</li>
 *   <li>each {@link Method} trains {@code steps} updates on the hard split (see {@link ExperimentConfig} for the
 *       matched budgets) in its own run folder;</li>
 *   <li>the base and every trained model are scored ({@link HeldOutScores}); {@code results.json}, {@code table.md},
 *       {@code rewards.svg} and {@code accuracy.svg} are written ({@link PaperTable}).</li>
 * </ol>
 *
 * <pre>{@code
 * PaperTable t = PaperTableExperiment.run(ExperimentConfig.forScale("small", 7), Path.of("runs/paper-table-7"), System.err);
 * System.out.print(t.markdown());
 * }</pre>
 */
public final class PaperTableExperiment {

    private PaperTableExperiment() {
    }

    /**
     * Runs every method into {@code runDir} (which must not hold results yet), printing progress on {@code progress}.
     * Method folders must not exist yet either; {@code base/model} may (it is then reused).
     */
    public static PaperTable run(ExperimentConfig c, Path runDir, PrintStream progress) throws IOException {
        long t0 = System.nanoTime();
        if (Files.exists(runDir.resolve("results.json"))) throw new IllegalArgumentException(runDir + " already holds results");
        Files.createDirectories(runDir);
        Clock clock = new Clock(progress, t0);

        clock.phase("curricula");
        var kinds = EnumSet.allOf(ProblemKind.class);
        SyntheticCurriculum easy = SyntheticCurriculum.make(new ProblemGenerator(c.easy(), kinds), c.seed(), c.warmupProblems(), 0);
        SyntheticCurriculum hard = SyntheticCurriculum.make(new ProblemGenerator(c.hard(), kinds), c.seed() + 1,
                c.trainProblems(), c.testProblems());
        easy.write(runDir.resolve("curriculum/easy"));
        hard.write(runDir.resolve("curriculum/hard"));
        List<StepwiseInstance> heldOutSteps = MathQuickstart.instances(hard.test());
        if (heldOutSteps.size() > c.evalInstances()) heldOutSteps = heldOutSteps.subList(0, c.evalInstances());

        CharTokenizer tokenizer = CharTokenizer.ofAlphabet(MathQuickstart.ALPHABET, withUnk(CharTokenizer.DEFAULT_SPECIALS));
        tokenizer.save(runDir);
        ModelConfig mc = new ModelConfig("qwen2", c.hiddenSize(), c.hiddenSize() * 8 / 3 / 8 * 8, c.layers(), c.heads(), c.heads() / 2,
                c.hiddenSize() / c.heads(), 1e-6, 10000, tokenizer.vocabSize(), true, true, c.maxPositions(), -1, tokenizer.eosIds());
        Consumer<Path> modelFiles = dir -> {
            try {
                ModelConfigJson.write(mc, dir.resolve(ModelFolder.CONFIG));
                tokenizer.save(dir);
                PromptStyle.COMPACT_STEPS.save(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };

        Path baseModel = runDir.resolve("base/model");
        Transformer base;
        if (Files.isRegularFile(baseModel.resolve(ModelFolder.CONFIG))) {
            // A finished warm-up is kept, so a run stopped during the methods (or re-run with other method settings
            // but the same seed and warm-up settings) starts from the very same base model.
            clock.phase("base model: reusing " + baseModel);
            ModelFolder folder = ModelFolder.load(baseModel);
            base = new Transformer(folder.config(), folder.weights());
        } else {
            clock.phase("base model: " + c.warmupSteps() + " warm-up steps on " + easy.train().size() + " easy problems");
            base = new Transformer(mc, ModelWeights.random(mc, c.seed(), DataType.FLOAT));
            List<SftExample> warmup = new ArrayList<>();
            for (StepwiseInstance inst : MathQuickstart.instances(easy.train())) warmup.add(stepExample(tokenizer, inst));
            for (GeneratedProblem p : easy.train()) warmup.add(wholeExample(tokenizer, p));
            var warmupConfig = new SftConfig(c.warmupBatch(), 0,
                    OptimizerConfig.cosine(c.warmupLr(), Math.max(1, c.warmupSteps() / 10), c.warmupSteps(), c.warmupLr() / 10), c.seed(), 0, 3);
            TrainingRun.create(runDir.resolve("base"), Map.of("experiment", c, "sft", warmupConfig),
                    options(c.warmupSteps(), progress, "base", 50, modelFiles)).train(new SftTrainer(base, warmup, List.of(), warmupConfig));
            ModelFolder.save(baseModel, mc, base.parameters(), runDir.resolve(ModelFolder.TOKENIZER));
            PromptStyle.COMPACT_STEPS.save(baseModel);
        }

        Map<String, HeldOutScores> scores = new LinkedHashMap<>();
        clock.phase("scoring the base model on " + hard.test().size() + " held-out problems");
        scores.put("base", HeldOutScores.measure(base, tokenizer, hard.test(), heldOutSteps, c));
        progress.println("  " + summary(scores.get("base")));

        List<GrpoPrompt> stepPrompts = new ArrayList<>();
        for (StepwiseInstance inst : MathQuickstart.instances(hard.train())) {
            stepPrompts.add(new GrpoPrompt(inst.id(), tokenizer.encode(stepPrompt(inst)), inst.target()));
        }
        List<GrpoPrompt> answerPrompts = new ArrayList<>();
        List<GrpoPrompt> solutionPrompts = new ArrayList<>();
        List<SftExample> expertSolutions = new ArrayList<>();
        for (GeneratedProblem p : hard.train()) {
            int[] prompt = tokenizer.encode(WholeSolution.prompt(p.problem()));
            answerPrompts.add(new GrpoPrompt(p.id(), prompt, p.answer()));
            solutionPrompts.add(new GrpoPrompt(p.id(), prompt, WholeSolution.expert(p)));
            expertSolutions.add(wholeExample(tokenizer, p));
        }
        RewardFunction outcome = new MathAnswerReward();
        RewardFunction similarity = new StepSimilarityReward();

        for (Method m : Method.values()) {
            Path dir = runDir.resolve("methods").resolve(m.id());
            clock.phase(m.label() + ": " + c.steps() + " updates");
            ModelFolder folder = ModelFolder.load(baseModel);
            Transformer policy = new Transformer(folder.config(), folder.weights());
            switch (m) {
                case SFT -> {
                    var sft = new SftConfig(c.promptsPerStep() * c.groupSize(), 0, OptimizerConfig.constant(c.sftLr()), c.seed(), 0, 3);
                    TrainingRun.create(dir, Map.of("experiment", c, "sft", sft), options(c.steps(), progress, m.id(), 5, modelFiles))
                            .train(new SftTrainer(policy, expertSolutions, List.of(), sft));
                }
                case RLVR -> grpo(dir, c, policy, tokenizer, outcome, answerPrompts, grpoConfig(c, tokenizer, c.wholeTokens(), true),
                        c.steps(), progress, m.id(), modelFiles);
                case SRL -> grpo(dir, c, policy, tokenizer, similarity, stepPrompts, grpoConfig(c, tokenizer, c.stepTokens(), true),
                        c.steps(), progress, m.id(), modelFiles);
                case SRL_NO_DYNAMIC_SAMPLING -> grpo(dir, c, policy, tokenizer, similarity, stepPrompts,
                        grpoConfig(c, tokenizer, c.stepTokens(), false), c.steps(), progress, m.id(), modelFiles);
                case ONE_STEP_SIMILARITY -> grpo(dir, c, policy, tokenizer, similarity, solutionPrompts,
                        grpoConfig(c, tokenizer, c.wholeTokens(), true), c.steps(), progress, m.id(), modelFiles);
                case SRL_THEN_RLVR -> {
                    GrpoConfig srl = grpoConfig(c, tokenizer, c.stepTokens(), true);
                    GrpoConfig rlvr = grpoConfig(c, tokenizer, c.wholeTokens(), true);
                    new Pipeline(List.of(
                            new Pipeline.Stage("srl", Map.of("experiment", c, "grpo", srl), options(c.srlHalf(), progress, m.id() + "/srl", 5, modelFiles),
                                    p -> new GrpoTrainer(p, null, tokenizer::decode, similarity, stepPrompts, srl), Pipeline.latest()),
                            new Pipeline.Stage("rlvr", Map.of("experiment", c, "grpo", rlvr),
                                    options(c.steps() - c.srlHalf(), progress, m.id() + "/rlvr", 5, modelFiles),
                                    p -> new GrpoTrainer(p, null, tokenizer::decode, outcome, answerPrompts, rlvr), Pipeline.latest())))
                            .run(dir, policy);
                }
            }
            scores.put(m.id(), HeldOutScores.measure(policy, tokenizer, hard.test(), heldOutSteps, c));
            progress.println("  " + summary(scores.get(m.id())));
        }

        clock.phase("writing table.md, results.json and plots");
        double wall = (System.nanoTime() - t0) / 1e9;
        PaperTable table = PaperTable.of(c, scores, budgets(runDir, c), curves(runDir), wall);
        table.write(runDir, hard.test());
        clock.phase("done");
        return table;
    }

    private static void grpo(Path dir, ExperimentConfig c, PolicyModel policy, CharTokenizer tokenizer, RewardFunction reward,
                             List<GrpoPrompt> prompts, GrpoConfig config, int steps, PrintStream progress, String name,
                             Consumer<Path> modelFiles) throws IOException {
        TrainingRun.create(dir, Map.of("experiment", c, "grpo", config), options(steps, progress, name, 5, modelFiles))
                .train(new GrpoTrainer(policy, null, tokenizer::decode, reward, prompts, config));
    }

    /** The GRPO settings shared by every RL method; only the response length and dynamic sampling differ. */
    static GrpoConfig grpoConfig(ExperimentConfig c, CharTokenizer tokenizer, int maxNewTokens, boolean dynamicSampling) {
        return new GrpoConfig(c.groupSize(), c.promptsPerStep(), maxNewTokens, c.temperature(), 0, 1.0, tokenizer.eosIds(),
                1, 0.2, 0.28, 0.0, KlEstimator.K3, LossAggregation.TOKEN_MEAN, AdvantageScaling.GROUP,
                GroupAdvantage.DEFAULT_EPSILON, dynamicSampling, 1e-4, c.maxSamplingRounds(), false, 0,
                OptimizerConfig.constant(c.rlLr()), c.seed(), 3);
    }

    private static TrainingRun.Options options(long steps, PrintStream progress, String name, int every, Consumer<Path> files) {
        return new TrainingRun.Options(steps, 0, 10, 2, false, new PhaseConsole(progress, name, every), files);
    }

    private static SftExample stepExample(CharTokenizer tokenizer, StepwiseInstance inst) {
        String target = CompactStepPrompt.response(inst.hint() == null ? "" : inst.hint(), inst.target()) + CompactStepPrompt.END_OF_RESPONSE;
        return new SftExample(tokenizer.encode(stepPrompt(inst)), tokenizer.encode(target));
    }

    private static SftExample wholeExample(CharTokenizer tokenizer, GeneratedProblem p) {
        return new SftExample(tokenizer.encode(WholeSolution.prompt(p.problem())),
                tokenizer.encode(WholeSolution.response(p) + CompactStepPrompt.END_OF_RESPONSE));
    }

    private static String stepPrompt(StepwiseInstance inst) {
        return CompactStepPrompt.prompt(inst.task(), inst.context().stream().map(Step::action).toList());
    }

    private static List<String> withUnk(List<String> specials) {
        List<String> out = new ArrayList<>(specials);
        out.add(CharTokenizer.UNK);
        return out;
    }

    /** Each method's metrics lines, in training order (SRL → RLVR: the SRL stage, then the RLVR stage). */
    static Map<Method, List<JsonNode>> metrics(Path runDir) throws IOException {
        Map<Method, List<JsonNode>> out = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (Method m : Method.values()) {
            Path dir = runDir.resolve("methods").resolve(m.id());
            List<Path> files = m == Method.SRL_THEN_RLVR
                    ? List.of(dir.resolve("srl/metrics.jsonl"), dir.resolve("rlvr/metrics.jsonl")) : List.of(dir.resolve("metrics.jsonl"));
            List<JsonNode> rows = new ArrayList<>();
            for (Path f : files) {
                for (String line : Files.readAllLines(f)) if (!line.isBlank()) rows.add(json.readTree(line));
            }
            out.put(m, rows);
        }
        return out;
    }

    /** What each method spent, counted from its metrics. */
    static Map<Method, Budget> budgets(Path runDir, ExperimentConfig c) throws IOException {
        Map<Method, Budget> out = new LinkedHashMap<>();
        for (var e : metrics(runDir).entrySet()) out.put(e.getKey(), Budget.of(e.getValue(), c.groupSize(), c.promptsPerStep() * c.groupSize()));
        return out;
    }

    /** Each RL method's mean rollout reward per update (SFT has none). */
    static Map<Method, List<double[]>> curves(Path runDir) throws IOException {
        Map<Method, List<double[]>> out = new LinkedHashMap<>();
        for (var e : metrics(runDir).entrySet()) {
            List<double[]> pts = new ArrayList<>();
            int i = 0;
            for (JsonNode row : e.getValue()) {
                i++;
                if (row.has("reward_mean")) pts.add(new double[] {i, row.get("reward_mean").asDouble()});
            }
            if (!pts.isEmpty()) out.put(e.getKey(), pts);
        }
        return out;
    }

    private static String summary(HeldOutScores s) {
        StringBuilder sb = new StringBuilder("accuracy by level");
        s.accuracyByLevel().forEach((l, a) -> sb.append(String.format(Locale.ROOT, " %d:%.1f%%", l, 100 * a)));
        return sb.append(String.format(Locale.ROOT, ", greedy %.1f%%, avg@%d %.1f%%, step similarity %.3f (format ok %.0f%%)",
                100 * s.greedyAccuracy(), s.k(), 100 * s.averageAtK(), s.stepSimilarity(), 100 * s.formatOk())).toString();
    }

    /** Prints phase headers with the elapsed time. */
    private record Clock(PrintStream out, long t0) {
        void phase(String what) {
            out.printf(Locale.ROOT, "[paper-table %6.1fs] %s%n", (System.nanoTime() - t0) / 1e9, what);
        }
    }
}
