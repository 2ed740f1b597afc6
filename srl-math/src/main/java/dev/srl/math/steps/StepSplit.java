package dev.srl.math.steps;

import dev.srl.core.data.Step;

import java.util.List;

/**
 * What a {@link StepSplitter} made of one solution text: either steps (with the preamble that preceded
 * them) or the reason the text does not fit the step structure.
 *
 * @param preamble  text before the first step, trimmed ({@code ""} if none); context, never a target
 * @param steps     the steps in order; empty when rejected
 * @param rejection why the text was excluded, or {@code null} when it fits
 */
public record StepSplit(String preamble, List<Step> steps, String rejection) {
    public StepSplit {
        steps = List.copyOf(steps);
    }

    /** A successful split. */
    public static StepSplit of(String preamble, List<Step> steps) {
        return new StepSplit(preamble, steps, null);
    }

    /** A text that does not fit; {@code reason} says why (for logs and counts). */
    public static StepSplit rejected(String reason) {
        return new StepSplit("", List.of(), reason);
    }

    /** Whether the text fits the structure. */
    public boolean ok() {
        return rejection == null;
    }
}
