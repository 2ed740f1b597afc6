package dev.srl.core.train.run;

import dev.srl.core.model.PolicyModel;
import dev.srl.core.train.optim.AdamW;

import java.util.Map;

/**
 * A trainer as {@link TrainingRun} drives it: one step at a time, with its state exportable for checkpoints.
 * {@code GrpoTrainer} and {@code SftTrainer} implement it.
 */
public interface Trainable {

    /** Runs one step (sampling and/or updates) and reports it. */
    StepReport trainStep();

    /** Steps finished so far. */
    long completedSteps();

    /** The model being trained (its parameters go into checkpoints). */
    PolicyModel policy();

    /** The optimizer (its state goes into checkpoints). */
    AdamW optimizer();

    /** Everything else a resume needs (step, RNG, data cursor), as JSON-friendly values. */
    Map<String, Object> state();

    /** Restores {@link #state()}. */
    void restore(Map<String, Object> state);

    /** Asks the trainer for {@code samples.jsonl} records on its next step. */
    default void requestSamples(int count) {
    }
}
