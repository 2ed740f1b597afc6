/**
 * Running a model on math problems: the compact step prompt of character models ({@link
 * dev.srl.math.evaluation.CompactStepPrompt}), solving a problem step by step from the model's own steps
 * ({@link dev.srl.math.evaluation.StepwiseSolver}), the held-out step-similarity measure ({@link
 * dev.srl.math.evaluation.StepSimilarityEval}), and whole-benchmark evaluation with the paper's metrics
 * ({@link dev.srl.math.evaluation.MathEvaluator}, behind {@code srl eval}). Which prompt a model folder
 * expects is recorded in its {@code srl.json} ({@link dev.srl.math.evaluation.PromptStyle}).
 *
 * <p>The metrics themselves (greedy accuracy, avg@k, unbiased pass@k) and the answer checker live in
 * {@link dev.srl.math.eval}; this package produces the completions they score.
 */
package dev.srl.math.evaluation;
