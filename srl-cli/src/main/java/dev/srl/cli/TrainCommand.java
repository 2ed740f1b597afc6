package dev.srl.cli;

import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.data.StepwiseInstanceFile;
import dev.srl.core.model.SamplingParams;
import dev.srl.core.model.Transformer;
import dev.srl.core.model.io.ModelConfigJson;
import dev.srl.core.model.io.ModelFolder;
import dev.srl.core.prompt.PromptRenderer;
import dev.srl.core.reward.StepSimilarityReward;
import dev.srl.core.tokenizer.Tokenizer;
import dev.srl.core.tokenizer.Tokenizers;
import dev.srl.core.train.config.ConfigLoader;
import dev.srl.core.train.config.TrainConfig;
import dev.srl.core.train.eval.StepEvaluation;
import dev.srl.core.train.eval.StepPrompts;
import dev.srl.core.train.grpo.GrpoConfig;
import dev.srl.core.train.grpo.GrpoPrompt;
import dev.srl.core.train.grpo.GrpoTrainer;
import dev.srl.core.train.run.Trainable;
import dev.srl.core.train.run.TrainingRun;
import dev.srl.core.train.sft.SftExample;
import dev.srl.core.train.sft.SftTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code srl train}: SRL (GRPO with the step reward) or SFT on step-wise instances, in a run directory. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {
                "Trains a model folder on step-wise instances (srl build-steps output). method: srl runs GRPO with dynamic "
                        + "sampling and the step-similarity reward; method: sft minimises the NLL of each expert step. "
                        + "The run goes to OUTPUTDIR/NAME: config.yaml (resolved, written first), metrics.jsonl, samples.jsonl, "
                        + "checkpoints/step-N (model folders with optimizer and trainer state) and report.html.",
                "Ctrl-C finishes the current step, writes a checkpoint and exits; --resume continues exactly where it stopped. "
                        + "Unknown or invalid config fields are errors naming the field path (see docs/metrics.md for the logged fields).",
        },
        footer = {"", "Examples:",
                "  srl train --config srl.yaml",
                "  srl train --config srl.yaml --set steps=500 --set grpo.optimizer.lr=1e-6 --set name=srl-lr1e-6",
                "  srl train --resume runs/srl-lr1e-6 --set steps=800",
                "  srl train --config srl.yaml --set data.validation=val.jsonl --set evalEvery=25   (held-out eval every 25 steps)"})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", description = "YAML or JSON config file (fields of TrainConfig; unset fields take the defaults)")
    Path config;

    @Option(names = "--set", description = "Override a config field by its dotted path, e.g. grpo.groupSize=4 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--resume", description = "Continue the run in this folder from its latest checkpoint (its config.yaml is used unless --config is given)")
    Path resume;

    @Override
    public Integer call() throws IOException {
        if (config == null && resume == null) throw new IllegalArgumentException("give --config FILE, or --resume RUN_DIR");
        Path file = config != null ? config : resume.resolve("config.yaml");
        TrainConfig cfg = ConfigLoader.load(file, TrainConfig.class, TrainConfig.defaults(), overrides);

        ModelFolder folder = ModelFolder.load(Path.of(cfg.model()));
        if (folder.tokenizerJson() == null) throw new IllegalArgumentException(cfg.model() + ": the model folder has no tokenizer.json");
        Tokenizer tokenizer = Tokenizers.load(folder.tokenizerJson());
        Transformer model = new Transformer(folder.config(), folder.weights());
        PromptRenderer renderer = cfg.data().template().equals("agent-step") ? PromptRenderer.agentSteps() : PromptRenderer.mathSteps();
        List<StepwiseInstance> train = StepwiseInstanceFile.readAll(Path.of(cfg.data().train()));
        if (train.isEmpty()) throw new IllegalArgumentException(cfg.data().train() + ": no instances");

        Trainable trainer = switch (cfg.method()) {
            case SRL -> {
                GrpoConfig g = cfg.grpo();
                if (g.stopIds().isEmpty()) g = withStopIds(g, tokenizer.eosIds());
                List<GrpoPrompt> prompts = new ArrayList<>();
                for (StepwiseInstance i : train) prompts.add(new GrpoPrompt(i.id(), encodePrompt(tokenizer, renderer, i), i.target()));
                yield new GrpoTrainer(model, null, tokenizer::decode, new StepSimilarityReward(), prompts, g);
            }
            case SFT -> {
                List<SftExample> val = new ArrayList<>();
                if (cfg.data().validation() != null) {
                    for (StepwiseInstance i : StepwiseInstanceFile.readAll(Path.of(cfg.data().validation()))) val.add(sftExample(tokenizer, renderer, i));
                }
                List<SftExample> examples = new ArrayList<>();
                for (StepwiseInstance i : train) examples.add(sftExample(tokenizer, renderer, i));
                yield new SftTrainer(model, examples, val, cfg.sft());
            }
        };

        TrainingRun.Options options = new TrainingRun.Options(cfg.steps(), cfg.checkpointEvery(), cfg.samplesEvery(),
                cfg.samplesPerLog(), true, System.out, dir -> {
                    try {
                        Files.writeString(dir.resolve(ModelFolder.CONFIG), ModelConfigJson.toJson(folder.config(), "float32"));
                        Files.copy(folder.tokenizerJson(), dir.resolve(ModelFolder.TOKENIZER));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        Path runDir = resume != null ? resume : Path.of(cfg.outputDir()).resolve(cfg.name());
        TrainingRun run = resume != null ? TrainingRun.resume(runDir, options) : TrainingRun.create(runDir, cfg, options);
        if (cfg.method() == TrainConfig.Method.SRL && cfg.evalEvery() > 0) {
            if (cfg.data().validation() == null) throw new IllegalArgumentException("evalEvery needs data.validation (held-out instances)");
            List<StepwiseInstance> heldOut = StepwiseInstanceFile.readAll(Path.of(cfg.data().validation()));
            SamplingParams greedy = SamplingParams.greedy(cfg.grpo().maxNewTokens(), tokenizer.eosIds());
            run.evaluateEvery(cfg.evalEvery(), () -> {
                // Greedy decoding uses no random numbers, so the trainer's stream (and resume) is unaffected.
                StepEvaluation.Summary s = StepEvaluation.summarize(
                        StepEvaluation.run(model, tokenizer, renderer, heldOut, greedy, 16, new java.util.Random(0)));
                return Map.of("reward_mean", s.meanReward(), "step_similarity", s.meanSimilarity(), "format_rate", s.formatRate());
            });
        }
        TrainingRun.Outcome outcome = run.train(trainer);
        System.out.println((outcome == TrainingRun.Outcome.FINISHED ? "finished: " : "stopped: ") + runDir
                + " (report: " + runDir.resolve("report.html") + ")");
        return 0;
    }

    private static int[] encodePrompt(Tokenizer tok, PromptRenderer renderer, StepwiseInstance i) {
        return StepPrompts.encode(tok, renderer, i);
    }

    /** The expert step as the assistant's answer, closed by the first EOS id. */
    private static SftExample sftExample(Tokenizer tok, PromptRenderer renderer, StepwiseInstance i) {
        int[] target = tok.encode(i.target());
        if (!tok.eosIds().isEmpty()) {
            target = java.util.Arrays.copyOf(target, target.length + 1);
            target[target.length - 1] = tok.eosIds().get(0);
        }
        return new SftExample(encodePrompt(tok, renderer, i), target);
    }

    private static GrpoConfig withStopIds(GrpoConfig g, List<Integer> ids) {
        return new GrpoConfig(g.groupSize(), g.promptsPerStep(), g.maxNewTokens(), g.temperature(), g.topK(), g.topP(), ids,
                g.policyIterations(), g.clipLow(), g.clipHigh(), g.beta(), g.klEstimator(), g.lossAggregation(), g.advantageScaling(),
                g.advantageEpsilon(), g.dynamicSampling(), g.dynamicSamplingEpsilon(), g.maxSamplingRounds(),
                g.maskTruncatedCompletions(), g.microBatchSize(), g.optimizer(), g.seed(), g.maxNonFiniteSteps());
    }
}
