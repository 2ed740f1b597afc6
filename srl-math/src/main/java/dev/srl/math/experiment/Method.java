package dev.srl.math.experiment;

/** The rows of the paper's comparison (Table 1) and ablations (Tables 2–3), in table order. */
public enum Method {
    /** Token-level NLL on the training split's whole expert solutions. */
    SFT("sft", "SFT"),
    /** GRPO on whole problems, outcome reward (answer correct: 1, else 0), dynamic sampling. */
    RLVR("rlvr", "RLVR"),
    /** GRPO on step-wise instances, step-similarity reward (−1 for a broken format), dynamic sampling. */
    SRL("srl", "SRL"),
    /** Half the updates SRL, the other half RLVR from SRL's checkpoint. */
    SRL_THEN_RLVR("srl-then-rlvr", "SRL → RLVR"),
    /** Ablation: GRPO on whole problems, reward = similarity of the whole response to the whole expert solution. */
    ONE_STEP_SIMILARITY("one-step-similarity", "SRL, one-step similarity (ablation)"),
    /** Ablation: SRL with the dynamic sampler off (every group is trained on). */
    SRL_NO_DYNAMIC_SAMPLING("srl-no-ds", "SRL w/o dynamic sampling (ablation)");

    private final String id;
    private final String label;

    Method(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The run folder's name. */
    public String id() {
        return id;
    }

    /** The table row's name. */
    public String label() {
        return label;
    }
}
