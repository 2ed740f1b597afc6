package dev.srl.math.steps;

/**
 * Splits a written solution into the expert steps that SRL predicts one at a time.
 *
 * <pre>{@code
 * StepSplit s = new NumberedStepSplitter().split(attempt);
 * if (s.ok()) s.steps().forEach(step -> System.out.println(step.title()));
 * }</pre>
 */
public interface StepSplitter {

    /** The name used on the command line ({@code numbered}, {@code paragraph}). */
    String name();

    /** Splits {@code solution}; a text that does not fit is returned as {@link StepSplit#rejected}. */
    StepSplit split(String solution);
}
