/**
 * The math task adapter of SRL: everything the paper's math experiments need that is not a model or a trainer.
 * <ul>
 *   <li>{@link dev.srl.math.s1k} reads s1K / s1K-1.1 (exported to JSONL) into trajectories;</li>
 *   <li>{@link dev.srl.math.steps} cuts a written solution into the expert steps SRL predicts;</li>
 *   <li>{@link dev.srl.math.answer} extracts {@code \boxed{}} answers, normalizes them and decides equality
 *       (EQUAL / NOT_EQUAL / UNKNOWN), and turns that into the RLVR outcome reward;</li>
 *   <li>{@link dev.srl.math.bench} loads AIME 2024/2025, AMC 2023, MATH-500 and Minerva Math files;</li>
 *   <li>{@link dev.srl.math.eval} computes greedy accuracy, avg@n and unbiased pass@k;</li>
 *   <li>{@link dev.srl.math.curriculum} generates a synthetic multi-step curriculum with expert traces, the
 *       paper's setting in miniature for tiny models.</li>
 * </ul>
 */
package dev.srl.math;
