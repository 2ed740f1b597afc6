package dev.srl.core.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * An expert trajectory: a task and the ordered steps that solve it.
 *
 * @param id       a stable identifier
 * @param task     the problem statement or issue text
 * @param metadata anything else the source had, kept exactly as given (never interpreted); may be {@code null}
 * @param steps    the expert's steps in order
 */
public record Trajectory(String id, String task, JsonNode metadata, List<Step> steps) {
    public Trajectory {
        if (id == null) throw new IllegalArgumentException("a trajectory needs an id");
        if (task == null) throw new IllegalArgumentException("trajectory " + id + " needs a task");
        steps = List.copyOf(steps);
    }
}
