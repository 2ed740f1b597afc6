package dev.srl.swe.grading;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The task suite bundled with the library: three tiny Python repositories, each with an issue, a gold fix, tests
 * that decide it (run with {@code python3 -m unittest}, no pytest needed) and an expert trajectory in the
 * SWE-smith {@code xml} layout. Resources under {@code tasks/}: {@code tasks.jsonl} (SWE-bench instances with
 * {@code test_cmd}, {@code log_parser} and {@code repo_path}), {@code trajectories.jsonl}, and one folder per
 * repository snapshot with a {@code FILES} list. {@code srl-swe/tools/make_tasks.py} regenerates them.
 *
 * <pre>{@code
 * SweTask t = BundledTasks.tasks().get(0);
 * Path wc = BundledTasks.materialize(t, Files.createTempDirectory("wc"));   // a git repo at the base commit
 * }</pre>
 */
public final class BundledTasks {
    private BundledTasks() {
    }

    private static final String ROOT = "/tasks/";

    /** The bundled tasks, in file order. */
    public static List<SweTask> tasks() {
        try (InputStream in = resource("tasks.jsonl")) {
            return SweTaskReader.read(in, "classpath:tasks/tasks.jsonl");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled tasks", e);
        }
    }

    /** Copies the expert trajectories (SWE-smith xml JSONL) to {@code target}, for reading with a trajectory format. */
    public static Path copyTrajectories(Path target) throws IOException {
        try (InputStream in = resource("trajectories.jsonl")) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /**
     * Writes the task's repository snapshot into {@code dir} (created if needed, must be empty) and commits it as the
     * base commit of a fresh git repository. Returns {@code dir}.
     */
    public static Path materialize(SweTask task, Path dir) throws IOException {
        if (task.repoPath() == null) throw new IllegalArgumentException("task " + task.instanceId() + " is not a bundled task");
        Files.createDirectories(dir);
        try (var s = Files.list(dir)) {
            if (s.findAny().isPresent()) throw new IllegalArgumentException(dir + " is not empty");
        }
        String base = task.repoPath() + "/";
        String manifest;
        try (InputStream in = resource(base + "FILES")) {
            manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String rel : manifest.split("\n")) {
            if (rel.isBlank()) continue;
            if (rel.startsWith("/") || rel.contains("..")) throw new IllegalStateException("bad path in manifest: " + rel);
            Path target = dir.resolve(rel);
            Files.createDirectories(target.getParent());
            try (InputStream in = resource(base + rel)) {
                Files.copy(in, target);
            }
        }
        git(dir, "init", "-q");
        git(dir, "add", "-A");
        git(dir, "commit", "-qm", "base");
        return dir;
    }

    /** Runs git on our own trusted snapshot, with fixed identity and dates so the commit is reproducible. */
    private static void git(Path dir, String... args) throws IOException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("GIT_AUTHOR_NAME", "srl");
        env.put("GIT_AUTHOR_EMAIL", "srl@localhost");
        env.put("GIT_COMMITTER_NAME", "srl");
        env.put("GIT_COMMITTER_EMAIL", "srl@localhost");
        env.put("GIT_AUTHOR_DATE", "2025-01-01T00:00:00Z");
        env.put("GIT_COMMITTER_DATE", "2025-01-01T00:00:00Z");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("HOME", dir.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("git " + String.join(" ", args) + " failed in " + dir + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = BundledTasks.class.getResourceAsStream(ROOT + name);
        if (in == null) throw new IOException("missing bundled resource tasks/" + name);
        return in;
    }
}
