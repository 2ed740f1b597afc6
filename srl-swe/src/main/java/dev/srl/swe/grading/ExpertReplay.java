package dev.srl.swe.grading;

import dev.srl.core.data.Step;
import dev.srl.core.data.Trajectory;
import dev.srl.swe.action.CanonicalAction;
import dev.srl.swe.sandbox.ActionResult;
import dev.srl.swe.sandbox.Episode;
import dev.srl.swe.sandbox.SandboxedExecutor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a trajectory's canonical actions in a sandboxed episode over a working copy: the check that an expert
 * trajectory really does what it records, and the way to turn it into a patch for the {@link Grader}.
 *
 * <pre>{@code
 * ExpertReplay.Result r = ExpertReplay.replay(executor, trajectory, BundledTasks.materialize(task, dir));
 * GradeReport g = grader.grade(task, r.patch(), BundledTasks.materialize(task, otherDir));
 * }</pre>
 */
public final class ExpertReplay {
    private ExpertReplay() {
    }

    /**
     * @param observations what each step observed, in order (up to and including {@code submit})
     * @param patch        the submitted patch, or the working copy's diff when the trajectory never submits
     */
    public record Result(List<String> observations, String patch) {
    }

    /** Runs every step until {@code submit}; {@code workingCopy} is changed in place. */
    public static Result replay(SandboxedExecutor executor, Trajectory trajectory, Path workingCopy) throws IOException {
        List<String> obs = new ArrayList<>();
        try (Episode ep = executor.open(workingCopy)) {
            for (Step s : trajectory.steps()) {
                ActionResult r = ep.act(CanonicalAction.parse(s.action()));
                obs.add(r.observation());
                if (r.done()) return new Result(obs, r.observation());
            }
            return new Result(obs, ep.diff());
        }
    }
}
