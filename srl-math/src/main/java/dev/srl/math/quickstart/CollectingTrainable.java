package dev.srl.math.quickstart;

import dev.srl.core.model.PolicyModel;
import dev.srl.core.train.optim.AdamW;
import dev.srl.core.train.run.StepReport;
import dev.srl.core.train.run.Trainable;

import java.util.Map;

/**
 * A trainer that runs the garbage collector every {@code every} steps. ND4J frees an array's native memory only
 * when the Java object is collected; the objects are tiny, so a small heap fills slowly and native memory grows to
 * gigabytes between collections. Collecting on a schedule keeps the process's resident memory flat.
 */
final class CollectingTrainable implements Trainable {
    private final Trainable inner;
    private final int every;

    CollectingTrainable(Trainable inner, int every) {
        this.inner = inner;
        this.every = Math.max(1, every);
    }

    @Override
    public StepReport trainStep() {
        StepReport r = inner.trainStep();
        if (r.step() % every == 0) System.gc();
        return r;
    }

    @Override public long completedSteps() { return inner.completedSteps(); }

    @Override public PolicyModel policy() { return inner.policy(); }

    @Override public AdamW optimizer() { return inner.optimizer(); }

    @Override public Map<String, Object> state() { return inner.state(); }

    @Override public void restore(Map<String, Object> state) { inner.restore(state); }

    @Override public void requestSamples(int count) { inner.requestSamples(count); }
}
