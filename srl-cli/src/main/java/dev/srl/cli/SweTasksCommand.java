package dev.srl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.data.Trajectory;
import dev.srl.core.io.AtomicOutput;
import dev.srl.core.io.JsonLine;
import dev.srl.core.io.JsonLinesReader;
import dev.srl.swe.action.ObservationPolicy;
import dev.srl.swe.format.ActionStyle;
import dev.srl.swe.format.SweSmithFormat;
import dev.srl.swe.grading.BundledTasks;
import dev.srl.swe.grading.ExpertReplay;
import dev.srl.swe.grading.GradeReport;
import dev.srl.swe.grading.Grader;
import dev.srl.swe.grading.SweTask;
import dev.srl.swe.sandbox.SandboxConfig;
import dev.srl.swe.sandbox.SandboxUnavailableException;
import dev.srl.swe.sandbox.SandboxedExecutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code srl swe-tasks}: the bundled SWE task suite, graded in the sandbox. */
@Command(name = "swe-tasks",
        mixinStandardHelpOptions = true,
        description = {
                "Grades patches on the bundled software-engineering tasks (three tiny Python repositories with an "
                        + "issue, tests and an expert trajectory), SWE-bench style and inside the bubblewrap sandbox: "
                        + "apply the patch (git apply, then --3way, then patch), add the tests, run them, and count a task "
                        + "resolved when every FAIL_TO_PASS test passes and every PASS_TO_PASS test still does.",
                "Without --predictions the expert trajectories are replayed in the sandbox and their patches graded. "
                        + "Refuses to run (exit 2) when no sandbox can be made here."},
        sortOptions = false,
        footer = {
                "",
                "Examples:",
                "  srl swe-tasks --list",
                "  srl swe-tasks          # replay the experts, grade their patches",
                "  srl swe-tasks --predictions preds.jsonl --output report.jsonl",
                "",
                "Predictions: JSONL lines {\"instance_id\": ..., \"model_patch\": \"diff --git ...\"} (SWE-bench's layout)."})
final class SweTasksCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--list", description = "Only list the bundled tasks.")
    boolean list;

    @Option(names = "--predictions", paramLabel = "FILE", description = "Model patches to grade instead of the experts'.")
    Path predictions;

    @Option(names = "--output", paramLabel = "FILE", description = "Write one JSON report per task (JSONL).")
    Path output;

    @Option(names = "--timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "Timeout of each command and of each test run (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<SweTask> tasks = BundledTasks.tasks();
        if (list) {
            for (SweTask t : tasks) out.println(t.instanceId() + "\t" + t.problemStatement().lines().findFirst().orElse(""));
            out.flush();
            return 0;
        }
        if (timeout < 1) throw new IllegalArgumentException("--timeout must be at least 1 second, got " + timeout);
        SandboxedExecutor executor;
        try {
            executor = SandboxedExecutor.create(SandboxConfig.defaults().withTimeout(Duration.ofSeconds(timeout)));
        } catch (SandboxUnavailableException e) {
            err.println("srl swe-tasks: " + e.getMessage());
            err.flush();
            return CliErrors.USER_ERROR;
        }
        Map<String, SweTask> byId = new LinkedHashMap<>();
        for (SweTask t : tasks) byId.put(t.instanceId(), t);
        Map<String, String> patches = predictions == null ? expertPatches(executor, byId) : readPredictions(byId);

        Grader grader = new Grader(executor, Duration.ofSeconds(timeout));
        List<String> lines = new ArrayList<>();
        int resolved = 0;
        for (Map.Entry<String, String> e : patches.entrySet()) {
            SweTask task = byId.get(e.getKey());
            Path wc = BundledTasks.materialize(task, Files.createTempDirectory("srl-grade"));
            GradeReport g;
            try {
                g = grader.grade(task, e.getValue(), wc);
            } finally {
                deleteTree(wc);
            }
            if (g.resolved()) resolved++;
            out.printf("%-10s %s%s%n", g.resolved() ? "RESOLVED" : "UNRESOLVED", g.instanceId(), g.resolved() ? ""
                    : !g.patchApplied() ? " (" + g.log() + ")"
                    : " (FAIL_TO_PASS failing: " + g.failToPassFailed() + ", PASS_TO_PASS broken: " + g.passToPassFailed() + ")");
            ObjectNode row = JSON.createObjectNode();
            row.put("instance_id", g.instanceId());
            row.put("resolved", g.resolved());
            row.put("patch_applied", g.patchApplied());
            row.put("apply_method", g.applyMethod());
            row.set("fail_to_pass_failed", JSON.valueToTree(g.failToPassFailed()));
            row.set("pass_to_pass_failed", JSON.valueToTree(g.passToPassFailed()));
            lines.add(JSON.writeValueAsString(row));
        }
        out.printf("resolved %d of %d%n", resolved, patches.size());
        out.flush();
        if (output != null) AtomicOutput.writeString(output, lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
        return 0;
    }

    private Map<String, String> expertPatches(SandboxedExecutor executor, Map<String, SweTask> byId) throws IOException {
        Path file = BundledTasks.copyTrajectories(Files.createTempFile("srl-expert", ".jsonl"));
        List<Trajectory> trajectories = new ArrayList<>();
        try {
            new SweSmithFormat(ActionStyle.XML, ObservationPolicy.UNLIMITED).read(file, false, trajectories::add);
        } finally {
            Files.deleteIfExists(file);
        }
        Map<String, String> patches = new LinkedHashMap<>();
        for (Trajectory t : trajectories) {
            SweTask task = byId.get(t.metadata().get("instance_id").textValue());
            Path wc = BundledTasks.materialize(task, Files.createTempDirectory("srl-replay"));
            try {
                patches.put(task.instanceId(), ExpertReplay.replay(executor, t, wc).patch());
            } finally {
                deleteTree(wc);
            }
        }
        return patches;
    }

    private Map<String, String> readPredictions(Map<String, SweTask> byId) throws IOException {
        if (!Files.isRegularFile(predictions)) throw new IllegalArgumentException("predictions file not found: " + predictions);
        Map<String, String> patches = new LinkedHashMap<>();
        try (JsonLinesReader in = JsonLinesReader.open(predictions, false)) {
            for (JsonLine l : in) {
                String id = l.requireText("instance_id");
                if (!byId.containsKey(id)) throw l.error("instance_id", "no bundled task '" + id + "' (see srl swe-tasks --list)");
                if (patches.put(id, l.optText("model_patch", "")) != null) throw l.error("instance_id", "'" + id + "' given twice");
            }
        }
        if (patches.isEmpty()) throw new IllegalArgumentException("no predictions in " + predictions);
        return patches;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
