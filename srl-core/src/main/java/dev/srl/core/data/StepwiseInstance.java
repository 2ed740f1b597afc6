package dev.srl.core.data;

import java.util.List;

/**
 * One SRL training instance: predict expert step {@code stepIndex} of a trajectory from its context.
 *
 * @param id           unique id, {@code <trajectoryId>#<stepIndex>}
 * @param trajectoryId the trajectory it came from
 * @param stepIndex    0-based index of the target step in the trajectory
 * @param task         the task text
 * @param context      the expert steps shown to the model (all earlier steps, or the last K, by policy)
 * @param hint         the next step's title when the title-hint option is on, else {@code null}
 * @param target       the expert's step {@code stepIndex}: what the model's action is compared with
 */
public record StepwiseInstance(String id, String trajectoryId, int stepIndex, String task,
                               List<Step> context, String hint, String target) {
    public StepwiseInstance {
        context = List.copyOf(context);
    }
}
