/**
 * SWE step-wise instances on the core {@link dev.srl.core.data.StepwiseBuilder}: the paper's cut (issue + last two
 * action/observation pairs) and the prompt that asks for a think block and one canonical tool call
 * ({@link dev.srl.swe.stepwise.SwePrompts}).
 */
package dev.srl.swe.stepwise;
