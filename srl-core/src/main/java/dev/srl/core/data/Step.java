package dev.srl.core.data;

/**
 * One step of an expert trajectory.
 *
 * @param action      the step itself: a numbered solution step (math) or a canonical tool call (software engineering)
 * @param title       the step's short title, e.g. "Coprime Pairs" ({@code null} if none); usable as a hint
 * @param thought     the expert's reasoning before the action ({@code null} if none)
 * @param observation what the environment returned after the action ({@code null} if none)
 */
public record Step(String action, String title, String thought, String observation) {
    public Step {
        if (action == null) throw new IllegalArgumentException("a step needs an action");
    }

    /** A step that is only an action. */
    public static Step of(String action) {
        return new Step(action, null, null, null);
    }
}
