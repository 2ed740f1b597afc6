/**
 * Math answers: {@link dev.srl.math.answer.AnswerExtractor} (last {@code \boxed{}}, answer phrases, last number),
 * {@link dev.srl.math.answer.AnswerNormalizer} (the union of the Hendrycks, Qwen2.5-Math and Minerva rules),
 * {@link dev.srl.math.answer.AnswerEquivalence} (three-valued, never guessing) and
 * {@link dev.srl.math.answer.MathAnswerReward} (the RLVR outcome reward).
 */
package dev.srl.math.answer;
