package dev.srl.swe.grading;

import dev.srl.swe.sandbox.Episode;
import dev.srl.swe.sandbox.ExecResult;
import dev.srl.swe.sandbox.SandboxedExecutor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grades a model patch the SWE-bench way, everything inside the sandbox:
 * <ol>
 *   <li>apply the patch to the working copy (at the task's base commit), trying {@code git apply}, then
 *       {@code git apply --3way}, then {@code patch --batch --forward --fuzz=5 -p1}, resetting the working copy
 *       ({@code git checkout -- . && git clean -fd}) between tries; if none works the task is unresolved;</li>
 *   <li>restore the files the test patch touches to the base commit (the model may have changed them), then apply
 *       the test patch;</li>
 *   <li>run the task's test command with the test timeout and read each test's outcome from its log;</li>
 *   <li>resolved ⇔ every FAIL_TO_PASS test passed and every PASS_TO_PASS test passed or was skipped.</li>
 * </ol>
 *
 * <pre>{@code
 * Grader g = new Grader(SandboxedExecutor.create(SandboxConfig.defaults()), Duration.ofMinutes(5));
 * GradeReport r = g.grade(task, modelPatch, BundledTasks.materialize(task, Files.createTempDirectory("wc")));
 * }</pre>
 */
public final class Grader {
    private static final int LOG_CHARS = 4 << 20;
    private static final Pattern DIFF_FILES = Pattern.compile("^diff --git a/(\\S+) b/(\\S+)$", Pattern.MULTILINE);
    private static final String RESET = "git checkout -q -- . && git clean -fdq";

    private final SandboxedExecutor executor;
    private final Duration testTimeout;

    public Grader(SandboxedExecutor executor, Duration testTimeout) {
        this.executor = executor;
        this.testTimeout = testTimeout;
    }

    /** Grades {@code modelPatch} on {@code task}; {@code workingCopy} (a git checkout of the base commit) is changed in place. */
    public GradeReport grade(SweTask task, String modelPatch, Path workingCopy) throws IOException {
        if (task.testCmd() == null) {
            throw new IllegalArgumentException("task " + task.instanceId() + " has no test_cmd; this grader needs one");
        }
        try (Episode ep = executor.open(workingCopy)) {
            String method = modelPatch == null || modelPatch.isBlank() ? null : apply(ep, ep.stage("model.patch", withNewline(modelPatch)));
            if (method == null) {
                return new GradeReport(task.instanceId(), false, null, false, false, Map.of(), task.failToPass(), List.of(),
                        false, modelPatch == null || modelPatch.isBlank() ? "empty patch" : ">>>>> Patch Apply Failed");
            }
            if (!task.testPatch().isBlank()) {
                StringBuilder restore = new StringBuilder();
                for (String f : touchedFiles(task.testPatch())) {
                    String q = "'" + f.replace("'", "'\\''") + "'";
                    restore.append("if git cat-file -e HEAD:").append(q).append(" 2>/dev/null; then git checkout -q HEAD -- ")
                            .append(q).append("; else rm -f -- ").append(q).append("; fi\n");
                }
                ExecResult r = ep.exec(restore + "git apply -v " + ep.stage("test.patch", withNewline(task.testPatch())));
                if (!r.ok()) {
                    return new GradeReport(task.instanceId(), true, method, false, false, Map.of(), task.failToPass(), List.of(),
                            false, "the test patch did not apply:\n" + r.output());
                }
            }
            ExecResult run = ep.exec(task.testCmd(), testTimeout, LOG_CHARS);
            Map<String, TestStatus> results = TestLogParser.parse(task.logParser(), run.output());
            List<String> f2p = new ArrayList<>();
            for (String t : task.failToPass()) if (results.get(t) == null || !results.get(t).fixes()) f2p.add(t);
            List<String> p2p = new ArrayList<>();
            for (String t : task.passToPass()) if (results.get(t) == null || !results.get(t).keeps()) p2p.add(t);
            boolean resolved = !run.timedOut() && f2p.isEmpty() && p2p.isEmpty();
            return new GradeReport(task.instanceId(), true, method, true, run.timedOut(), results, f2p, p2p, resolved, run.output());
        }
    }

    /** Applies the staged patch with the fallbacks; returns the method that worked or {@code null}. */
    static String apply(Episode ep, String patchPath) {
        String[][] tries = {
                {"git apply", "git apply --verbose " + patchPath},
                {"git apply --3way", "git apply --verbose --3way " + patchPath},
                {"patch", "patch --batch --forward --fuzz=5 -p1 -i " + patchPath},
        };
        for (String[] t : tries) {
            if (ep.exec(t[1]).ok()) return t[0];
            ep.exec(RESET);
        }
        return null;
    }

    /** The files a unified diff touches (both sides of each {@code diff --git} line). */
    static Set<String> touchedFiles(String patch) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = DIFF_FILES.matcher(patch);
        while (m.find()) {
            out.add(m.group(1));
            out.add(m.group(2));
        }
        return out;
    }

    private static String withNewline(String s) {
        return s.endsWith("\n") ? s : s + "\n";
    }
}
