/**
 * Step splitters: a written solution in, expert steps out. {@link dev.srl.math.steps.NumberedStepSplitter}
 * follows the paper (numbered steps with bold titles; rows that do not fit are excluded);
 * {@link dev.srl.math.steps.ParagraphStepSplitter} is the blank-line fallback.
 */
package dev.srl.math.steps;
