package dev.srl.swe.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the bubblewrap command line of one sandboxed process and checks that such a process can start here.
 *
 * <p>The sandbox: new user, network, PID, IPC, UTS and cgroup namespaces (no network at all, only a private
 * loopback); {@code /usr}, {@code /etc} and the {@code /bin}, {@code /sbin}, {@code /lib*} links or folders
 * read-only; a fresh {@code /proc}, a minimal {@code /dev}, a private {@code /tmp}; the working copy read-write at
 * the mount point, the episode's inputs read-only at {@code /srl/in} and its shell state at {@code /srl/state};
 * every capability dropped; a new session (no
 * terminal to inject keystrokes into); killed with its parent. Under root the process first drops to an
 * unprivileged host uid with {@code setpriv}, because the kernel does not apply process limits to root and a
 * root-owned sandbox is needlessly strong.
 */
final class Bubblewrap {
    /** Where the episode's control folder appears inside the sandbox. */
    static final String CONTROL = "/srl";
    /** Inputs written by the host (the command, staged files): read-only inside, so a command cannot plant links there. */
    static final String IN = CONTROL + "/in";
    /** The saved shell state, the one place of the control folder a command may write. */
    static final String STATE = CONTROL + "/state";

    private final SandboxConfig config;
    private final boolean root;
    private final String searchPath;

    Bubblewrap(SandboxConfig config) {
        this(config, System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    /** @param searchPath where the probe looks for the tools (tests point it at an empty folder) */
    Bubblewrap(SandboxConfig config, String searchPath) {
        this.config = config;
        this.root = isRoot();
        this.searchPath = searchPath;
    }

    SandboxConfig config() {
        return config;
    }

    boolean dropsToHostUid() {
        return root;
    }

    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The argv that runs {@code bash -c script} in the sandbox over {@code workingCopy}. */
    List<String> command(Path workingCopy, Path control, String script) {
        List<String> a = new ArrayList<>();
        if (root) {
            a.addAll(List.of("setpriv", "--reuid=" + config.hostUid(), "--regid=" + config.hostUid(), "--clear-groups",
                    "--inh-caps=-all", "--"));
        }
        a.addAll(List.of("bwrap", "--unshare-user", "--uid", "1000", "--gid", "1000",
                "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--hostname", "sandbox",
                "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"));
        for (String d : List.of("/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32")) {
            Path p = Path.of(d);
            if (Files.isSymbolicLink(p)) {
                try {
                    a.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), d));
                } catch (IOException e) {
                    // unreadable link: leave it out
                }
            } else if (Files.isDirectory(p)) {
                a.addAll(List.of("--ro-bind", d, d));
            }
        }
        for (Path p : config.extraReadOnly()) a.addAll(List.of("--ro-bind", p.toString(), p.toString()));
        a.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
                "--bind", workingCopy.toString(), config.mountPoint(),
                "--ro-bind", control.resolve("in").toString(), IN,
                "--bind", control.resolve("state").toString(), STATE,
                "--chdir", config.mountPoint(), "--clearenv",
                "/bin/bash", "--noprofile", "--norc", "-c", script));
        return a;
    }

    /**
     * Why no sandbox can start here, or {@code null} when one can: runs {@code true} in a sandbox over a scratch
     * folder and checks that the network namespace is really empty.
     */
    String problem() {
        for (String tool : root ? List.of("bwrap", "setpriv") : List.of("bwrap")) {
            if (!onPath(tool)) {
                return tool + " is not installed" + (tool.equals("bwrap") ? " (apt-get install bubblewrap)" : " (util-linux)");
            }
        }
        Path scratch = null;
        Path control = null;
        try {
            scratch = Files.createTempDirectory("srl-probe");
            control = ControlFolder.create();
            if (root) {
                Ownership.chown(scratch, config.hostUid());
                Ownership.chown(control.resolve("state"), config.hostUid());
            }
            Process p = new ProcessBuilder(command(scratch, control, "grep -c '^CapEff:[[:space:]]*0*$' /proc/self/status"))
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "a probe sandbox did not finish within 20 s";
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || !text.equals("1")) {
                return "bubblewrap cannot create a sandbox here (user namespaces disabled?): " + text;
            }
            return null;
        } catch (IOException e) {
            return "cannot start bubblewrap: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing the sandbox";
        } finally {
            Ownership.deleteQuietly(scratch);
            Ownership.deleteQuietly(control);
        }
    }

    private boolean onPath(String tool) {
        for (String dir : searchPath.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }
}
