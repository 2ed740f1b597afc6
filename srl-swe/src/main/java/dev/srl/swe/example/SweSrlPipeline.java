package dev.srl.swe.example;

import dev.srl.core.data.Step;
import dev.srl.core.data.StepwiseBuilder;
import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.data.Trajectory;
import dev.srl.core.model.ModelConfig;
import dev.srl.core.model.SamplingParams;
import dev.srl.core.model.Transformer;
import dev.srl.core.model.io.ModelWeights;
import dev.srl.core.prompt.PromptRenderer;
import dev.srl.core.prompt.PromptTemplate;
import dev.srl.core.tokenizer.CharTokenizer;
import dev.srl.core.tokenizer.Tokenizer;
import dev.srl.core.train.eval.StepEvaluation;
import dev.srl.core.train.eval.StepPrompts;
import dev.srl.core.train.grpo.AdvantageScaling;
import dev.srl.core.train.grpo.GroupAdvantage;
import dev.srl.core.train.grpo.GrpoConfig;
import dev.srl.core.train.grpo.GrpoPrompt;
import dev.srl.core.train.grpo.GrpoTrainer;
import dev.srl.core.train.grpo.KlEstimator;
import dev.srl.core.train.grpo.LossAggregation;
import dev.srl.core.train.optim.OptimizerConfig;
import dev.srl.core.train.run.StepReport;
import dev.srl.core.train.sft.SftConfig;
import dev.srl.core.train.sft.SftExample;
import dev.srl.core.train.sft.SftTrainer;
import dev.srl.swe.action.ObservationPolicy;
import dev.srl.swe.format.ActionStyle;
import dev.srl.swe.format.SweSmithFormat;
import dev.srl.swe.grading.BundledTasks;
import dev.srl.swe.grading.ExpertReplay;
import dev.srl.swe.grading.GradeReport;
import dev.srl.swe.grading.Grader;
import dev.srl.swe.grading.SweTask;
import dev.srl.swe.reward.ToolCallReward;
import dev.srl.swe.sandbox.SandboxedExecutor;
import dev.srl.swe.stepwise.SwePrompts;
import dev.srl.swe.stepwise.ToolCallEvaluation;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * SRL on the bundled software-engineering tasks, end to end and small enough for a laptop:
 * <ol>
 *   <li>{@link #replayExperts}: replay each expert trajectory in the sandbox and grade its patch;</li>
 *   <li>{@link #buildData}: step-wise instances with the paper's SWE context (issue + last 2 action/observation
 *       pairs), cut short for a character-level model (see {@link SweSrlConfig}); one task's steps held out;</li>
 *   <li>{@link #train}: a tiny transformer, an SFT warm-up that teaches {@code <think>…</think>} + one tool call
 *       (a random model is −1 everywhere, so GRPO would see no spread), greedy evaluation on the held-out steps,
 *       SRL (GRPO with dynamic sampling and {@link ToolCallReward}), and the same evaluation again.</li>
 * </ol>
 *
 * <pre>{@code
 * SweSrlPipeline.Report r = SweSrlPipeline.run(SweSrlConfig.defaults(), executor, System.out);
 * System.out.println(r.table());
 * }</pre>
 */
public final class SweSrlPipeline {
    private SweSrlPipeline() {
    }

    /**
     * A one-line system prompt instead of {@link SwePrompts#SYSTEM} (~1,000 characters): the same contract in brief, at a
     * length a character-level model can afford in every prompt.
     */
    public static final PromptTemplate SHORT_STEP = new PromptTemplate(
            "Fix the issue. Think, then give one tool call.",
            "<pr_description>\n{task}\n</pr_description>\n\n{steps}", "", "(no actions yet)");

    /** The renderer of the example: {@link #SHORT_STEP} with the SWE step layout (action, then its observation). */
    public static PromptRenderer renderer() {
        return new PromptRenderer(SHORT_STEP, SwePrompts.STEP_FORMAT);
    }

    /** One expert trajectory replayed in the sandbox and graded. */
    public record Replay(String instanceId, int steps, boolean resolved, String detail) {
    }

    /**
     * The step-wise data.
     *
     * @param trainTrajectories    the trajectories trained on
     * @param train                their instances
     * @param heldOut              the held-out task's instances
     * @param responses            the SFT answer of every instance id: a think block (the expert's thought, or empty),
     *                             then the expert's action
     */
    public record Data(List<Trajectory> trainTrajectories, List<StepwiseInstance> train, List<StepwiseInstance> heldOut,
                       Map<String, String> responses) {
    }

    /**
     * What a run measured: greedy scores on the held-out steps and, for comparison, on the training steps, after the
     * SFT warm-up ({@code before}) and after SRL ({@code after}). Times are wall-clock seconds.
     */
    public record Report(List<Replay> replays, int trainInstances, int heldOutInstances, double meanPromptTokens,
                         long parameters, StepEvaluation.Summary beforeSrl, StepEvaluation.Summary afterSrl,
                         StepEvaluation.Summary trainBeforeSrl, StepEvaluation.Summary trainAfterSrl,
                         List<Double> srlRewardMeans, double replaySeconds, double sftSeconds, double srlSeconds,
                         double evalSeconds) {
        public boolean allResolved() {
            return !replays.isEmpty() && replays.stream().allMatch(Replay::resolved);
        }

        /**
         * The before/after table: mean reward (−1 for a response that is not one tool call), mean action similarity
         * of the well-formed responses, and the share of well-formed responses.
         */
        public String table() {
            String row = "%-38s %11s %15s %10s%n";
            return String.format(row, "greedy, " + heldOutInstances + " held-out / " + trainInstances + " train steps",
                    "mean reward", "mean similarity", "format ok")
                    + line("held-out, after SFT (before SRL)", beforeSrl) + line("held-out, after SRL", afterSrl)
                    + line("train, after SFT (before SRL)", trainBeforeSrl) + line("train, after SRL", trainAfterSrl);
        }

        private static String line(String name, StepEvaluation.Summary s) {
            return String.format(java.util.Locale.ROOT, "%-38s %11.3f %15s %9.0f%%%n", name, s.meanReward(),
                    Double.isNaN(s.meanSimilarity()) ? "n/a" : String.format(java.util.Locale.ROOT, "%.3f", s.meanSimilarity()),
                    100 * s.formatRate());
        }
    }

    /** Replays every bundled expert trajectory in a fresh copy of its repository and grades the patch it leaves. */
    public static List<Replay> replayExperts(SandboxedExecutor executor, Duration testTimeout) throws IOException {
        Map<String, SweTask> tasks = BundledTasks.tasks().stream()
                .collect(Collectors.toMap(SweTask::instanceId, Function.identity()));
        Grader grader = new Grader(executor, testTimeout);
        List<Replay> out = new ArrayList<>();
        for (Trajectory t : readExperts(ObservationPolicy.UNLIMITED)) {
            SweTask task = tasks.get(instanceId(t));
            if (task == null) throw new IllegalStateException("trajectory " + t.id() + " names no bundled task");
            Path replayCopy = BundledTasks.materialize(task, Files.createTempDirectory("srl-replay"));
            Path gradeCopy = BundledTasks.materialize(task, Files.createTempDirectory("srl-grade"));
            try {
                String patch = ExpertReplay.replay(executor, t, replayCopy).patch();
                GradeReport g = grader.grade(task, patch, gradeCopy);
                String detail = g.resolved() ? "" : !g.patchApplied() ? g.log()
                        : "FAIL_TO_PASS failing: " + g.failToPassFailed() + ", PASS_TO_PASS broken: " + g.passToPassFailed();
                out.add(new Replay(task.instanceId(), t.steps().size(), g.resolved(), detail));
            } finally {
                deleteTree(replayCopy);
                deleteTree(gradeCopy);
            }
        }
        return out;
    }

    /** Step-wise instances of every bundled trajectory (every step a target), split by task. */
    public static Data buildData(SweSrlConfig c) throws IOException {
        StepwiseBuilder builder = new StepwiseBuilder(SwePrompts.options());
        List<Trajectory> trainTrajectories = new ArrayList<>();
        List<StepwiseInstance> train = new ArrayList<>(), heldOut = new ArrayList<>();
        Map<String, String> responses = new java.util.LinkedHashMap<>();
        boolean found = false;
        for (Trajectory full : readExperts(new ObservationPolicy(c.maxObservationChars()))) {
            Trajectory t = new Trajectory(full.id(), head(full.task(), c.maxIssueChars()), full.metadata(), full.steps());
            boolean held = instanceId(t).equals(c.heldOutTask());
            found |= held;
            if (!held) trainTrajectories.add(t);
            for (StepwiseInstance i : builder.build(t)) {
                (held ? heldOut : train).add(i);
                Step target = t.steps().get(i.stepIndex());
                String thought = c.expertThoughts() && target.thought() != null ? target.thought() + "\n" : "";
                responses.put(i.id(), "<think>\n" + thought + "</think>\n" + i.target());
            }
        }
        if (!found) throw new IllegalArgumentException("heldOutTask: no bundled task '" + c.heldOutTask() + "'");
        return new Data(trainTrajectories, train, heldOut, responses);
    }

    /**
     * The tags of the canonical tool-call form, one token each: they make up most of an action's characters, so as
     * whole tokens they shorten prompts and answers about twofold and the format takes few updates to learn.
     */
    public static final List<String> TOOL_CALL_TOKENS = List.of("<function=bash>", "<function=str_replace_editor>",
            "<function=submit>", "</function>", "<parameter=command>", "<parameter=path>", "<parameter=file_text>",
            "<parameter=old_str>", "<parameter=new_str>", "<parameter=insert_line>", "<parameter=view_range>",
            "</parameter>", "OBSERVATION:", "/testbed");

    /**
     * Characters (printable ASCII, newline and tab) plus the chat and think specials and {@link #TOOL_CALL_TOKENS};
     * anything else maps to {@code <|unk|>}.
     */
    public static CharTokenizer tokenizer() {
        StringBuilder alphabet = new StringBuilder("\t\n");
        for (char ch = 32; ch < 127; ch++) alphabet.append(ch);
        List<String> specials = new ArrayList<>(CharTokenizer.DEFAULT_SPECIALS);
        specials.add(CharTokenizer.UNK);
        specials.addAll(TOOL_CALL_TOKENS);
        return CharTokenizer.ofAlphabet(alphabet.toString(), specials);
    }

    /** A randomly initialised Llama-style decoder (4 query heads, 2 key/value heads). */
    public static Transformer tinyModel(SweSrlConfig c, Tokenizer tokenizer) {
        int ffn = (c.hiddenSize() * 11 / 4 + 7) / 8 * 8;
        ModelConfig mc = new ModelConfig("llama", c.hiddenSize(), ffn, c.layers(), 4, 2, c.hiddenSize() / 4, 1e-5, 10_000,
                tokenizer.vocabSize(), false, false, 4096, -1, tokenizer.eosIds());
        return new Transformer(mc, ModelWeights.random(mc, c.seed(), DataType.FLOAT));
    }

    /** The whole example: replay, data, SFT warm-up, evaluation, SRL, evaluation. */
    public static Report run(SweSrlConfig c, SandboxedExecutor executor, PrintStream log) throws IOException {
        long t0 = System.nanoTime();
        List<Replay> replays = replayExperts(executor, Duration.ofSeconds(c.commandTimeoutSeconds()));
        for (Replay r : replays) {
            log.printf("replay %-24s %d steps  %s%s%n", r.instanceId(), r.steps(), r.resolved() ? "RESOLVED" : "UNRESOLVED",
                    r.detail().isEmpty() ? "" : " (" + r.detail() + ")");
        }
        double replaySeconds = seconds(t0);
        return train(c, buildData(c), replays, replaySeconds, log);
    }

    /** Trains and evaluates on {@code data} (the part of {@link #run} after the replay). */
    public static Report train(SweSrlConfig c, Data data, List<Replay> replays, double replaySeconds, PrintStream log) {
        CharTokenizer tok = tokenizer();
        PromptRenderer renderer = renderer();
        Transformer model = tinyModel(c, tok);
        int eos = tok.eosIds().get(0);
        List<int[]> prompts = data.train().stream().map(i -> StepPrompts.encode(tok, renderer, i)).toList();
        double meanPrompt = prompts.stream().mapToInt(p -> p.length).average().orElse(0);
        log.printf("%d training instances from %d tasks, %d held out (%s); mean prompt %.0f tokens; model %,d parameters%n",
                data.train().size(), data.trainTrajectories().size(), data.heldOut().size(), c.heldOutTask(), meanPrompt,
                model.parameterCount());

        long t = System.nanoTime();
        List<SftExample> sft = new ArrayList<>();
        for (int k = 0; k < prompts.size(); k++) {
            int[] answer = tok.encode(data.responses().get(data.train().get(k).id()));
            int[] target = Arrays.copyOf(answer, answer.length + 1);
            target[answer.length] = eos;
            sft.add(new SftExample(prompts.get(k), target));
        }
        SftTrainer sftTrainer = new SftTrainer(model, sft, List.of(),
                new SftConfig(c.sftBatchSize(), 0, sftSchedule(c), c.seed(), 0, 3));
        for (int s = 1; s <= c.sftSteps(); s++) {
            StepReport r = sftTrainer.trainStep();
            if (s % 10 == 0 || s == c.sftSteps()) {
                double loss = ((Number) r.metrics().get("loss")).doubleValue();
                log.printf("sft step %d: loss %.3f per token%n", s, loss);
            }
        }
        double sftSeconds = seconds(t);

        SamplingParams greedy = SamplingParams.greedy(c.maxNewTokens(), tok.eosIds());
        t = System.nanoTime();
        StepEvaluation.Summary before = evaluate(model, tok, renderer, data.heldOut(), greedy, log);
        StepEvaluation.Summary trainBefore = evaluate(model, tok, renderer, data.train(), greedy, log);
        double evalSeconds = seconds(t);
        log.println("held out after SFT: " + before);
        log.println("train after SFT:    " + trainBefore);

        t = System.nanoTime();
        List<GrpoPrompt> grpoPrompts = new ArrayList<>();
        for (int k = 0; k < prompts.size(); k++) {
            grpoPrompts.add(new GrpoPrompt(data.train().get(k).id(), prompts.get(k), data.train().get(k).target()));
        }
        GrpoConfig g = new GrpoConfig(c.groupSize(), c.promptsPerStep(), c.maxNewTokens(), 1.0, 0, 1.0, tok.eosIds(), 1,
                0.2, 0.2, 0.0, KlEstimator.K3, LossAggregation.TOKEN_MEAN, AdvantageScaling.GROUP,
                GroupAdvantage.DEFAULT_EPSILON, true, 1e-4, c.maxSamplingRounds(), false, 0,
                OptimizerConfig.constant(c.srlLearningRate()), c.seed(), 3);
        GrpoTrainer srl = new GrpoTrainer(model, null, tok::decode, new ToolCallReward(), grpoPrompts, g);
        List<Double> rewards = new ArrayList<>();
        for (int s = 1; s <= c.srlSteps(); s++) {
            StepReport r = srl.trainStep();
            double mean = ((Number) r.metrics().get("reward_mean")).doubleValue();
            rewards.add(mean);
            log.printf("srl step %d: rollout reward %.3f, groups kept %s%s%n", s, mean, r.metrics().get("groups_kept"),
                    r.updated() ? "" : " (no update)");
        }
        double srlSeconds = seconds(t);

        t = System.nanoTime();
        StepEvaluation.Summary after = evaluate(model, tok, renderer, data.heldOut(), greedy, log);
        StepEvaluation.Summary trainAfter = evaluate(model, tok, renderer, data.train(), greedy, log);
        evalSeconds += seconds(t);
        log.println("held out after SRL: " + after);
        log.println("train after SRL:    " + trainAfter);
        return new Report(replays, data.train().size(), data.heldOut().size(), meanPrompt, model.parameterCount(), before,
                after, trainBefore, trainAfter, rewards, replaySeconds, sftSeconds, srlSeconds, evalSeconds);
    }

    /** Cosine from {@code sftLearningRate} to a tenth of it, after a warm-up of a tenth of the steps: memorising
     * the few expert answers needs the small late steps that a constant rate never takes. */
    private static OptimizerConfig sftSchedule(SweSrlConfig c) {
        long steps = Math.max(1, c.sftSteps());
        return OptimizerConfig.cosine(c.sftLearningRate(), steps / 10, steps, c.sftLearningRate() / 10);
    }

    private static StepEvaluation.Summary evaluate(Transformer model, Tokenizer tok, PromptRenderer renderer,
                                                   List<StepwiseInstance> instances, SamplingParams greedy, PrintStream log) {
        List<StepEvaluation.Item> items = ToolCallEvaluation.run(model, tok, renderer, instances, greedy, 8, new Random(0));
        StepEvaluation.Item first = items.get(0);
        log.printf("  e.g. %s (reward %.3f): %s%n", first.id(), first.reward(), first.completion().replace("\n", "\\n"));
        return StepEvaluation.summarize(items);
    }

    private static List<Trajectory> readExperts(ObservationPolicy observations) throws IOException {
        Path file = BundledTasks.copyTrajectories(Files.createTempFile("srl-expert", ".jsonl"));
        List<Trajectory> out = new ArrayList<>();
        try {
            new SweSmithFormat(ActionStyle.XML, observations).read(file, false, out::add);
        } finally {
            Files.deleteIfExists(file);
        }
        return out;
    }

    private static String instanceId(Trajectory t) {
        return t.metadata().path("instance_id").asText(t.id());
    }

    /** The first {@code max} characters, marked when cut. */
    static String head(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + " [...]";
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
