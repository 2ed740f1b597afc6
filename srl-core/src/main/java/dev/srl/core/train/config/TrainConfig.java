package dev.srl.core.train.config;

import dev.srl.core.train.grpo.GrpoConfig;
import dev.srl.core.train.sft.SftConfig;

/**
 * The configuration file of {@code srl train}: what to train, on what, for how long, and the trainer's
 * settings. Every field has a default (the small presets); a file lists only what differs. Paths are
 * relative to the working directory.
 *
 * <pre>{@code
 * # srl.yaml
 * name: srl-tiny
 * method: srl
 * model: models/tiny            # config.json, model.safetensors, tokenizer.json
 * data: {train: data/steps.jsonl, template: math-step}
 * steps: 200
 * grpo: {groupSize: 8, promptsPerStep: 16, optimizer: {lr: 1.0e-5}}
 * }</pre>
 *
 * @param name            the run's folder name under {@code outputDir}
 * @param outputDir       where run folders go ({@code runs})
 * @param method          {@code SRL} (GRPO on step-wise instances with the step-similarity reward) or {@code SFT}
 *                        (NLL of each instance's expert step); RLVR needs a task adapter's outcome reward and is run
 *                        from code ({@code GrpoTrainer} with an {@code OutcomeReward})
 * @param model           a model folder ({@code config.json}, safetensors weights, {@code tokenizer.json})
 * @param data            the step-wise instance files and the prompt template
 * @param steps           total training steps
 * @param checkpointEvery checkpoint interval in steps (0 = only at the end)
 * @param samplesEvery    sample-log interval in steps (0 = never)
 * @param samplesPerLog   prompts per sample log
 * @param evalEvery       evaluate on {@code data.validation} every this many steps and at the end (0 = never): SRL
 *                        logs greedy {@code eval/reward_mean}, {@code eval/step_similarity}, {@code eval/format_rate};
 *                        SFT logs {@code val_loss} by its own {@code sft.validationEvery}
 * @param grpo            GRPO settings (used by {@code SRL})
 * @param sft             SFT settings (used by {@code SFT})
 */
public record TrainConfig(String name, String outputDir, Method method, String model, Data data, long steps,
                          int checkpointEvery, int samplesEvery, int samplesPerLog, int evalEvery, GrpoConfig grpo, SftConfig sft) {

    /** The training methods of {@code srl train}. */
    public enum Method { SRL, SFT }

    /**
     * @param train      JSONL of step-wise instances ({@code srl build-steps} output)
     * @param validation optional JSONL of held-out instances: the SFT validation loss, and SRL's periodic
     *                   evaluation ({@code evalEvery}), or null
     * @param template   {@code math-step} (the paper's SRL prompt) or {@code agent-step}
     */
    public record Data(String train, String validation, String template) {
        public Data {
            if (template == null || !(template.equals("math-step") || template.equals("agent-step"))) {
                throw new IllegalArgumentException("data.template must be math-step or agent-step, got " + template);
            }
        }
    }

    public TrainConfig {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException("name must be a plain folder name, got " + name);
        if (method == null) throw new IllegalArgumentException("method is missing (srl or sft)");
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        if (checkpointEvery < 0 || samplesEvery < 0 || samplesPerLog < 0 || evalEvery < 0) {
            throw new IllegalArgumentException("checkpointEvery, samplesEvery, samplesPerLog and evalEvery must be >= 0");
        }
        if (grpo == null || sft == null || data == null) throw new IllegalArgumentException("grpo, sft and data sections are required");
    }

    /** The defaults a config file is read over: small presets, 100 steps, a checkpoint every 50. */
    public static TrainConfig defaults() {
        return new TrainConfig("run", "runs", Method.SRL, "model", new Data("steps.jsonl", null, "math-step"), 100, 50, 10, 2, 0,
                GrpoConfig.small(), SftConfig.small());
    }
}
