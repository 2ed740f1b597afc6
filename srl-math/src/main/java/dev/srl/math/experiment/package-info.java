/**
 * The paper's comparison (Deng et al., Tables 1–3) at small scale: SFT, RLVR, SRL, SRL → RLVR and two ablations
 * trained from one base model under matched budgets, evaluated on held-out problems per difficulty level.
 * Entry point: {@link dev.srl.math.experiment.PaperTableExperiment}.
 */
package dev.srl.math.experiment;
