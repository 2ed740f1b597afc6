package dev.srl.examples;

import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.data.StepwiseInstanceFile;
import dev.srl.core.model.Transformer;
import dev.srl.core.model.io.ModelConfigJson;
import dev.srl.core.model.io.ModelFolder;
import dev.srl.core.prompt.ChatMessage;
import dev.srl.core.prompt.PromptRenderer;
import dev.srl.core.reward.StepSimilarityReward;
import dev.srl.core.tokenizer.ChatTemplate;
import dev.srl.core.tokenizer.Tokenizer;
import dev.srl.core.tokenizer.Tokenizers;
import dev.srl.core.train.config.ConfigLoader;
import dev.srl.core.train.eval.StepPrompts;
import dev.srl.core.train.grpo.GrpoConfig;
import dev.srl.core.train.grpo.GrpoPrompt;
import dev.srl.core.train.grpo.GrpoTrainer;
import dev.srl.core.train.run.Pipeline;
import dev.srl.core.train.run.TrainingRun;
import dev.srl.math.answer.MathAnswerReward;
import dev.srl.math.bench.BenchmarkLoader;
import dev.srl.math.bench.BenchmarkProblem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The paper's SRL → RLVR: an SRL stage (GRPO, step-similarity reward) on step-wise instances, then an RLVR stage
 * (GRPO, final-answer reward) on whole problems, starting from the SRL stage's latest checkpoint. Each stage is a
 * run directory under ROOT; running the program again resumes an unfinished stage. With SRL_STEPS = 0 it is plain
 * RLVR from the given model.
 *
 * <pre>{@code
 * java -cp "examples/target/classes:srl-cli/target/lib/*" dev.srl.examples.SrlThenRlvr \
 *     models/qwen2.5-0.5b-instruct data/s1k-steps.train.jsonl data/s1k-problems.jsonl runs/srl-rlvr 200 100 \
 *     promptsPerStep=16
 * }</pre>
 * Arguments: model folder, step-wise instances, problems ({@code id, problem, answer} or a benchmark layout), run
 * root, SRL steps, RLVR steps, then optional GrpoConfig overrides ({@code field=value}) applied to both stages
 * over the paper presets ({@code GrpoConfig.srlPaper()}, {@code GrpoConfig.rlvrPaper()}).
 */
public final class SrlThenRlvr {

    public static void main(String[] args) throws IOException {
        if (args.length < 6) {
            System.err.println("usage: SrlThenRlvr MODEL_DIR STEPS.jsonl PROBLEMS.jsonl ROOT SRL_STEPS RLVR_STEPS [field=value ...]");
            System.exit(2);
        }
        ModelFolder folder = ModelFolder.load(Path.of(args[0]));
        Tokenizer tok = Tokenizers.load(folder.tokenizerJson());
        List<String> overrides = new ArrayList<>(Arrays.asList(args).subList(6, args.length));
        overrides.add(0, "stopIds=" + tok.eosIds());            // stop at the end of the assistant's turn

        List<GrpoPrompt> steps = new ArrayList<>();
        for (StepwiseInstance i : StepwiseInstanceFile.readAll(Path.of(args[1]))) {
            steps.add(new GrpoPrompt(i.id(), StepPrompts.encode(tok, PromptRenderer.mathSteps(), i), i.target()));
        }
        List<GrpoPrompt> problems = new ArrayList<>();
        for (BenchmarkProblem p : BenchmarkLoader.load(Path.of(args[2]))) {
            List<ChatMessage> messages = PromptRenderer.mathProblems().renderProblem(p.problem()).messages();
            problems.add(new GrpoPrompt(p.id(), tok.encode(ChatTemplate.CHATML.render(messages, true)), p.answer()));
        }
        GrpoConfig srl = ConfigLoader.fromTree(null, GrpoConfig.class, GrpoConfig.srlPaper(), overrides, "srl");
        GrpoConfig rlvr = ConfigLoader.fromTree(null, GrpoConfig.class, GrpoConfig.rlvrPaper(), overrides, "rlvr");

        List<Pipeline.Stage> stages = new ArrayList<>();
        long srlSteps = Long.parseLong(args[4]);
        if (srlSteps > 0) {
            stages.add(new Pipeline.Stage("srl", srl, options(srlSteps, folder), p -> new GrpoTrainer(p, null, tok::decode,
                    new StepSimilarityReward(), steps, srl), Pipeline.latest()));
        }
        stages.add(new Pipeline.Stage("rlvr", rlvr, options(Long.parseLong(args[5]), folder), p -> new GrpoTrainer(p, null,
                tok::decode, new MathAnswerReward(), problems, rlvr), Pipeline.latest()));
        Path root = Path.of(args[3]);
        new Pipeline(stages).run(root, new Transformer(folder.config(), folder.weights()));
        System.out.println("done: " + root + " (each stage's report.html; pipeline.json names the selected checkpoints)");
    }

    /** Checkpoints become model folders (config.json and tokenizer.json beside the weights), as in srl train. */
    private static TrainingRun.Options options(long steps, ModelFolder folder) {
        return new TrainingRun.Options(steps, 20, 10, 2, true, System.out, dir -> {
            try {
                Files.writeString(dir.resolve(ModelFolder.CONFIG), ModelConfigJson.toJson(folder.config(), "float32"));
                Files.copy(folder.tokenizerJson(), dir.resolve(ModelFolder.TOKENIZER));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private SrlThenRlvr() {
    }
}
