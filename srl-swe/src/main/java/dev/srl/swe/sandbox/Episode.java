package dev.srl.swe.sandbox;

import dev.srl.swe.action.ToolCall;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One agent episode over a working copy: a sequence of sandboxed commands and editor actions whose shell state
 * (working directory and exported variables) carries over from one command to the next.
 *
 * <p>Design: every command runs in a fresh sandbox (a new bubblewrap process) that first restores the state the
 * previous command saved ({@code export -p} and {@code cd}) and saves it again when it ends. A fresh sandbox per
 * command makes the timeout simple and total: killing that one process tree ends everything the command started,
 * and nothing (no background job) survives into the next command. Non-exported shell variables and background
 * processes therefore do not persist, unlike SWE-agent's long-lived shell.
 *
 * <p>Each command is first checked by {@link CommandPolicy} and {@code bash -n}; it runs with stdin closed, its
 * output read as it streams into a bounded buffer (head and tail), under {@code ulimit} limits and a wall-clock
 * timeout. See {@link SandboxedExecutor} for the sandbox itself.
 *
 * <pre>{@code
 * try (Episode ep = executor.open(Path.of("/tmp/calc-wc"))) {
 *     ep.act(ToolCall.bash("cd src && export MODE=test"));
 *     ActionResult r = ep.act(ToolCall.bash("pwd; echo $MODE"));   // "/testbed/src\ntest\n"
 *     String patch = ep.diff();
 * }
 * }</pre>
 */
public final class Episode implements AutoCloseable {
    static final String NO_OUTPUT = "Your command ran successfully and did not produce any output.";

    private final SandboxConfig config;
    private final Bubblewrap bwrap;
    private final Path workingCopy;
    private final Path control;
    private final FileEditor editor;
    private int consecutiveTimeouts;
    private boolean closed;

    Episode(SandboxConfig config, Bubblewrap bwrap, Path workingCopy) throws IOException {
        this.config = config;
        this.bwrap = bwrap;
        this.workingCopy = workingCopy.toRealPath();
        if (!Files.isDirectory(this.workingCopy)) throw new IllegalArgumentException(workingCopy + " is not a folder");
        if (this.workingCopy.getNameCount() == 0) throw new IllegalArgumentException("the working copy cannot be /");
        int owner = bwrap.dropsToHostUid() ? config.hostUid() : -1;
        if (owner >= 0) {
            for (Path d = this.workingCopy.getParent(); d != null; d = d.getParent()) {
                if (!Files.getPosixFilePermissions(d).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalArgumentException("the sandbox (uid " + owner + ") cannot reach " + this.workingCopy
                            + ": folder " + d + " is not searchable by others (chmod o+x, or put the working copy under /tmp)");
                }
            }
        }
        this.control = ControlFolder.create();
        ControlFolder.write(control.resolve("state/env"), initialState());
        if (owner >= 0) {
            Ownership.chown(this.workingCopy, owner);
            Ownership.chown(control.resolve("state"), owner);
        }
        this.editor = new FileEditor(this.workingCopy, config.mountPoint(), owner);
    }

    private String initialState() {
        return "export PATH='/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' HOME='/tmp' TERM='dumb'"
                + " PAGER='cat' GIT_PAGER='cat' EDITOR='true' GIT_EDITOR='true' LANG='C.UTF-8'"
                + " PYTHONDONTWRITEBYTECODE='1' PIP_NO_INPUT='1'\n"
                + "cd -- '" + config.mountPoint() + "'\n";
    }

    /** The working copy on the host. */
    public Path workingCopy() {
        return workingCopy;
    }

    /**
     * Runs an agent action: {@code bash} (policy check, syntax check, sandboxed run), {@code str_replace_editor}
     * ({@link FileEditor}) or {@code submit} (returns {@link #diff()} and ends the episode). Other tools get an
     * error observation.
     */
    public ActionResult act(ToolCall call) {
        ensureOpen();
        switch (call.name()) {
            case "bash": {
                String cmd = call.param("command");
                if (cmd == null || cmd.isBlank()) return new ActionResult("Parameter `command` is required for bash.", false, null);
                String refused = CommandPolicy.refusal(cmd);
                if (refused != null) return new ActionResult(refused, false, null);
                if (consecutiveTimeouts >= config.maxConsecutiveTimeouts()) {
                    return new ActionResult("This episode ran " + consecutiveTimeouts
                            + " commands in a row into the timeout; no more commands are run.", false, null);
                }
                ExecResult r = exec(cmd, config.timeout());
                return new ActionResult(observation(cmd, r), false, r);
            }
            case "str_replace_editor":
                return new ActionResult(editor.apply(call), false, null);
            case "submit":
                return new ActionResult(diff(), true, null);
            default:
                return new ActionResult("Unknown tool '" + call.name()
                        + "'. The available tools are: bash, str_replace_editor, submit.", false, null);
        }
    }

    private String observation(String cmd, ExecResult r) {
        if (r.syntaxError()) {
            return "Your bash command has syntax errors and was not run. Fix them and try again. Output of `bash -n`:\n" + r.output();
        }
        if (r.timedOut()) {
            return "The command '" + cmd.strip() + "' was cancelled because it took more than " + config.timeout().toSeconds()
                    + " seconds. Please try a different command that completes more quickly.";
        }
        String out = r.output();
        if (r.outputLimitHit()) {
            return out + "\n[The command was stopped after printing more than " + config.killAfterOutputBytes() + " bytes.]";
        }
        return out.isEmpty() ? NO_OUTPUT : out;
    }

    /** The patch of everything changed in the working copy, new files included ({@code git add -A && git diff --cached}). */
    public String diff() {
        ExecResult r = exec("git add -A >/dev/null 2>&1 && git -c core.quotepath=off diff --cached --no-color", config.timeout(),
                Integer.MAX_VALUE / 4);
        if (!r.ok()) throw new IllegalStateException("git diff failed in " + workingCopy + ": " + r.output());
        return r.output();
    }

    /** Runs {@code command} in the sandbox with the configured timeout; no policy check (for trusted harness scripts). */
    public ExecResult exec(String command) {
        return exec(command, config.timeout());
    }

    /** Runs {@code command} in the sandbox with its own timeout; no policy check (for trusted harness scripts). */
    public ExecResult exec(String command, Duration timeout) {
        return exec(command, timeout, config.maxOutputChars());
    }

    /** Writes a file for commands to read, visible read-only to them as {@code /srl/in/<name>}; returns that path. */
    public String stage(String name, String content) {
        if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".") || name.equals("cmd")) {
            throw new IllegalArgumentException("bad staged file name '" + name + "'");
        }
        try {
            ControlFolder.write(control.resolve("in").resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Bubblewrap.IN + "/" + name;
    }

    /**
     * Runs {@code command} in the sandbox with its own timeout and output budget; no policy check (for trusted
     * harness scripts such as a test run whose whole log is needed).
     */
    public ExecResult exec(String command, Duration timeout, int maxOutput) {
        ensureOpen();
        try {
            ControlFolder.write(control.resolve("in/cmd"), command);
            Files.deleteIfExists(control.resolve("state/syntax-error"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process p;
        try {
            p = new ProcessBuilder(bwrap.command(workingCopy, control, script())).redirectErrorStream(true).start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new SandboxUnavailableException("cannot start the sandbox: " + e.getMessage());
        }
        BoundedOutput out = new BoundedOutput(maxOutput);
        AtomicBoolean flood = new AtomicBoolean();
        Thread reader = new Thread(() -> pump(p, out, flood), "sandbox-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) kill(p);
            reader.join(10_000);
        } catch (InterruptedException e) {
            kill(p);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a sandboxed command ran", e);
        }
        boolean timedOut = !finished && !flood.get();
        int code = finished && !flood.get() ? p.exitValue() : -1;
        consecutiveTimeouts = timedOut ? consecutiveTimeouts + 1 : 0;
        boolean syntax = Files.exists(control.resolve("state/syntax-error"), java.nio.file.LinkOption.NOFOLLOW_LINKS);
        return new ExecResult(code, out.text(), out.total(), timedOut, flood.get(), syntax && code == 2);
    }

    private void pump(Process p, BoundedOutput out, AtomicBoolean flood) {
        byte[] buf = new byte[8192];
        try (InputStream in = p.getInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.total() > config.killAfterOutputBytes() && !flood.get()) {
                    flood.set(true);
                    kill(p);
                }
            }
        } catch (IOException e) {
            // the process was killed; what was read so far stays
        }
    }

    /**
     * Kills the sandbox: bubblewrap's PID namespace takes every process of the command with it. Waits (briefly)
     * until the processes are gone, so that the next command starts on a quiet machine.
     */
    private static void kill(Process p) {
        java.util.List<ProcessHandle> all = p.descendants().toList();
        all.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gone already, or the kernel is still tearing the namespace down; nothing more can be done
            }
        }
    }

    private String script() {
        String m = config.mountPoint();
        String in = Bubblewrap.IN;
        String st = Bubblewrap.STATE;
        return "ulimit -S -H -u " + config.maxProcesses() + " || exit 125\n"
                + "ulimit -S -H -f " + Math.max(1, config.maxFileBytes() / 1024) + " || exit 125\n"
                + "ulimit -S -H -t " + config.cpuSeconds() + " || exit 125\n"
                + "ulimit -S -H -v " + Math.max(1, config.maxMemoryBytes() / 1024) + " || exit 125\n"
                + "if ! __srl_err=$(/bin/bash -n " + in + "/cmd 2>&1); then printf '%s\\n' \"$__srl_err\"; : > " + st
                + "/syntax-error; exit 2; fi\n"
                + ". " + st + "/env >/dev/null 2>&1\n"
                + "trap '__srl_rc=$?; { export -p; printf \"cd -- %q 2>/dev/null || cd %q\\n\" \"$PWD\" \"" + m + "\"; } > "
                + st + "/.env 2>/dev/null && mv -f " + st + "/.env " + st + "/env; exit $__srl_rc' EXIT\n"
                + ". " + in + "/cmd < /dev/null\n";
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("the episode is closed");
    }

    /** Deletes the control folder; the working copy stays. */
    @Override
    public void close() {
        closed = true;
        Ownership.deleteQuietly(control);
    }
}
