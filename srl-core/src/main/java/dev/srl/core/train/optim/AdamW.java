package dev.srl.core.train.optim;

import dev.srl.core.model.FusedUpdates;
import dev.srl.core.model.Parallel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), the update of PyTorch's {@code torch.optim.AdamW}:
 * <pre>
 *   p ← p·(1 − lr·wd)                        (only for decayed parameters)
 *   m ← β1·m + (1−β1)·g,   v ← β2·v + (1−β2)·g²
 *   p ← p − lr · (m / (1−β1^t)) / (sqrt(v) / sqrt(1−β2^t) + eps)
 * </pre>
 * <b>Which parameters decay.</b> Only parameters with two or more dimensions (weight matrices, embeddings)
 * decay by default; one-dimensional ones (RMSNorm gains, biases) do not, since shrinking a norm gain towards
 * 0 rescales a whole layer rather than regularising it (the GPT-2/nanoGPT convention). Set
 * {@code decayOneDimensional} to decay everything, as Hugging Face's default {@code AdamW} does.
 *
 * <p>The moments have the dtype of their parameter. {@link #state()} and {@link #loadState} give the whole
 * optimizer as named arrays ({@code step}, {@code exp_avg.NAME}, {@code exp_avg_sq.NAME}), the layout of an
 * {@code optimizer.safetensors} file.
 *
 * <pre>{@code
 * AdamW opt = new AdamW(model.parameters(), AdamW.Settings.defaults(1e-6));
 * GradientClipping.clipGlobalNorm(grads, 1.0);
 * opt.step(grads, schedule.at(opt.stepCount()));
 * }</pre>
 */
public final class AdamW {
    /**
     * @param beta1               first-moment decay (0.9)
     * @param beta2               second-moment decay (0.999)
     * @param eps                 added to the root of the second moment (1e-8)
     * @param weightDecay         decoupled decay per unit learning rate (0.0 by default, as TRL/HF trainers; verl uses 0.01)
     * @param decayOneDimensional whether 1-D parameters decay too (false; see the class comment)
     */
    public record Settings(double beta1, double beta2, double eps, double weightDecay, boolean decayOneDimensional) {
        public Settings {
            if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
            if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
            if (!(eps > 0)) throw new IllegalArgumentException("eps must be > 0, got " + eps);
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }

        /** β (0.9, 0.999), eps 1e-8, no weight decay. */
        public static Settings defaults() { return new Settings(0.9, 0.999, 1e-8, 0.0, false); }
    }

    private final Map<String, INDArray> params;
    private final Settings settings;
    private final Map<String, INDArray> m = new LinkedHashMap<>();
    private final Map<String, INDArray> v = new LinkedHashMap<>();
    private long step;

    /** An optimizer over the live parameter arrays (they are updated in place). */
    public AdamW(Map<String, INDArray> params, Settings settings) {
        this.params = params;
        this.settings = settings;
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            m.put(e.getKey(), Nd4j.zeros(e.getValue().dataType(), e.getValue().shape()));
            v.put(e.getKey(), Nd4j.zeros(e.getValue().dataType(), e.getValue().shape()));
        }
    }

    /** The number of updates applied so far. */
    public long stepCount() { return step; }

    public Settings settings() { return settings; }

    /** Whether {@code name} is decayed under these settings. */
    public boolean decays(String name) {
        return settings.weightDecay() > 0 && (settings.decayOneDimensional() || params.get(name).rank() >= 2);
    }

    /** Applies one update with learning rate {@code lr}; every parameter must have a gradient of its shape. */
    public void step(Map<String, INDArray> grads, double lr) {
        step++;
        double bc1 = 1 - Math.pow(settings.beta1(), step);
        double bc2 = 1 - Math.pow(settings.beta2(), step);
        String[] names = params.keySet().toArray(new String[0]);
        for (String name : names) {
            INDArray p = params.get(name), g = grads.get(name);
            if (g == null) throw new IllegalArgumentException("no gradient for parameter " + name);
            if (!java.util.Arrays.equals(g.shape(), p.shape())) {
                throw new IllegalArgumentException("gradient of " + name + " has shape " + java.util.Arrays.toString(g.shape())
                        + ", parameter has " + java.util.Arrays.toString(p.shape()));
            }
        }
        // parameters are independent: update them on all cores (ND4J itself runs on one thread here)
        Parallel.forEach(names.length, i -> {
            String name = names[i];
            INDArray p = params.get(name), g = grads.get(name);
            if (g.dataType() != p.dataType()) g = g.castTo(p.dataType());
            INDArray mi = m.get(name), vi = v.get(name);
            double decay = decays(name) ? settings.weightDecay() : 0;
            if (FusedUpdates.adamW(p, g, mi, vi, settings.beta1(), settings.beta2(), settings.eps(), decay, lr, step)) return;
            mi.muli(settings.beta1()).addi(g.mul(1 - settings.beta1()));
            vi.muli(settings.beta2()).addi(g.mul(g).muli(1 - settings.beta2()));
            if (decays(name)) p.muli(1 - lr * settings.weightDecay());
            INDArray denom = Transforms.sqrt(vi, true).divi(Math.sqrt(bc2)).addi(settings.eps());
            p.subi(mi.div(denom).muli(lr / bc1));
        });
    }

    /** The whole state as named arrays (copies). */
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        s.put("step", Nd4j.scalar(DataType.DOUBLE, (double) step).reshape(1));   // exact below 2^53; safetensors F64
        for (String name : params.keySet()) {
            s.put("exp_avg." + name, m.get(name).dup());
            s.put("exp_avg_sq." + name, v.get(name).dup());
        }
        return s;
    }

    /** Restores a state written by {@link #state()} for the same parameters. */
    public void loadState(Map<String, INDArray> s) {
        INDArray st = s.get("step");
        if (st == null) throw new IllegalArgumentException("optimizer state has no 'step'");
        for (String name : params.keySet()) {
            for (String key : new String[] {"exp_avg." + name, "exp_avg_sq." + name}) {
                INDArray a = s.get(key);
                if (a == null) throw new IllegalArgumentException("optimizer state has no '" + key + "'");
                if (!java.util.Arrays.equals(a.shape(), params.get(name).shape())) {
                    throw new IllegalArgumentException("optimizer state '" + key + "' has shape " + java.util.Arrays.toString(a.shape())
                            + ", parameter has " + java.util.Arrays.toString(params.get(name).shape()));
                }
            }
        }
        step = Math.round(st.getDouble(0));
        for (String name : params.keySet()) {
            m.get(name).assign(s.get("exp_avg." + name));
            v.get(name).assign(s.get("exp_avg_sq." + name));
        }
    }
}
