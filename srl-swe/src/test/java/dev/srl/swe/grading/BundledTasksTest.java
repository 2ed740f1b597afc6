package dev.srl.swe.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.data.Trajectory;
import dev.srl.swe.action.ObservationPolicy;
import dev.srl.swe.format.ActionStyle;
import dev.srl.swe.format.SweSmithFormat;
import dev.srl.swe.sandbox.SandboxConfig;
import dev.srl.swe.sandbox.SandboxedExecutor;
import dev.srl.swe.sandbox.SandboxTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays every bundled expert trajectory in the sandbox, checks each observation against the recorded one, and
 * grades the resulting patch. With {@code -Dsrl.swe.regenerate=true} it rewrites the recorded observations and
 * patches in {@code src/main/resources/tasks/trajectories.jsonl} instead of comparing.
 */
class BundledTasksTest {
    static SandboxedExecutor executor;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void sandbox() {
        SandboxTestSupport.assumeBubblewrap();
        SandboxTestSupport.assumePython();
        executor = SandboxedExecutor.create(SandboxConfig.defaults().withTimeout(Duration.ofSeconds(60)));
    }

    @Test
    void bundledTasksAreReadable() {
        List<SweTask> tasks = BundledTasks.tasks();
        assertEquals(3, tasks.size());
        for (SweTask t : tasks) {
            assertEquals("unittest", t.logParser());
            assertEquals(2, t.failToPass().size());
            assertFalse(t.passToPass().isEmpty());
            assertTrue(t.patch().startsWith("diff --git"));
        }
    }

    @Test
    void expertTrajectoriesReplayAndResolveTheirTasks() throws Exception {
        boolean regenerate = Boolean.getBoolean("srl.swe.regenerate");
        Path trajFile = BundledTasks.copyTrajectories(Files.createTempFile("srl-expert", ".jsonl"));
        List<Trajectory> trajectories = new ArrayList<>();
        new SweSmithFormat(ActionStyle.XML, ObservationPolicy.UNLIMITED).read(trajFile, false, trajectories::add);
        Files.delete(trajFile);
        assertEquals(3, trajectories.size());
        Map<String, SweTask> tasks = new LinkedHashMap<>();
        for (SweTask t : BundledTasks.tasks()) tasks.put(t.instanceId(), t);
        Map<String, List<String>> observed = new LinkedHashMap<>();
        Map<String, String> patches = new LinkedHashMap<>();
        Grader grader = new Grader(executor, Duration.ofSeconds(60));
        for (Trajectory traj : trajectories) {
            SweTask task = tasks.get(traj.metadata().get("instance_id").textValue());
            assertEquals(task.problemStatement(), traj.task());
            Path wc = BundledTasks.materialize(task, Files.createTempDirectory("srl-replay"));
            ExpertReplay.Result replay;
            try {
                replay = ExpertReplay.replay(executor, traj, wc);
            } finally {
                GradingTestSupport.delete(wc);
            }
            List<String> obs = replay.observations();
            String patch = replay.patch();
            assertEquals(traj.steps().size(), obs.size());
            if (!regenerate) {
                for (int k = 0; k < obs.size(); k++) {
                    assertEquals(traj.steps().get(k).observation(), obs.get(k), traj.id() + ": " + traj.steps().get(k).action());
                }
            }
            assertTrue(patch != null && patch.startsWith("diff --git"), traj.id() + " submitted no patch");
            assertFalse(patch.contains("reproduce.py"), "the expert removed its script");
            Path fresh = BundledTasks.materialize(task, Files.createTempDirectory("srl-grade"));
            try {
                GradeReport g = grader.grade(task, patch, fresh);
                assertTrue(g.resolved(), traj.id() + " not resolved: " + g);
                assertEquals("git apply", g.applyMethod());
            } finally {
                GradingTestSupport.delete(fresh);
            }
            observed.put(traj.id(), obs);
            patches.put(traj.id(), patch);
        }
        if (regenerate) rewrite(observed, patches);
    }

    /** Writes the replayed observations and patches back into the resource file. */
    private static void rewrite(Map<String, List<String>> observed, Map<String, String> patches) throws Exception {
        Path file = Path.of("src/main/resources/tasks/trajectories.jsonl");
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            ObjectNode row = (ObjectNode) JSON.readTree(line);
            String id = row.get("traj_id").textValue();
            ArrayNode messages = (ArrayNode) JSON.readTree(row.get("messages").textValue());
            List<String> obs = observed.get(id);
            int k = 0;
            for (int i = 0; i < messages.size(); i++) {
                JsonNode m = messages.get(i);
                if (m.get("role").textValue().equals("assistant") && m.get("content").textValue().contains("<function=")) {
                    ((ObjectNode) messages.get(i + 1)).put("content", "OBSERVATION:\n" + obs.get(k++));
                }
            }
            row.put("messages", JSON.writeValueAsString(messages));
            row.put("patch", patches.get(id));
            out.append(JSON.writeValueAsString(row)).append('\n');
        }
        Files.writeString(file, out.toString());
    }
}
