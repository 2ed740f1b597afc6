/** Evaluation metrics as pure functions: greedy accuracy, avg@n, unbiased pass@k; JSON and markdown output. */
package dev.srl.math.eval;
