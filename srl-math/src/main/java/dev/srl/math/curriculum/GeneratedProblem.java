package dev.srl.math.curriculum;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.data.Step;
import dev.srl.core.data.Trajectory;

import java.util.List;
import java.util.Locale;

/**
 * One synthetic problem with its verified answer and the expert's solution.
 *
 * @param id       {@code <kind>-<first 12 hex digits of SHA-256(problem)>}: stable across runs
 * @param kind     the problem family
 * @param problem  the problem text
 * @param answer   the exact answer (an integer)
 * @param solution the expert's full solution in the s1K numbered-step layout, ending with {@code \boxed{answer}}
 * @param steps    the solution split by {@link dev.srl.math.steps.NumberedStepSplitter} (conclusion in the last step)
 */
public record GeneratedProblem(String id, ProblemKind kind, String problem, String answer, String solution,
                               List<Step> steps) {
    public GeneratedProblem {
        steps = List.copyOf(steps);
    }

    /** The problem as a trajectory; metadata holds kind, answer and split. */
    public Trajectory toTrajectory(String split) {
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("kind", kind.name().toLowerCase(Locale.ROOT));
        meta.put("answer", answer);
        meta.put("split", split);
        return new Trajectory(id, problem, meta, steps);
    }
}
