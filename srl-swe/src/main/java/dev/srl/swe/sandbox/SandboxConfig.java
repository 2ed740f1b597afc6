package dev.srl.swe.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Limits and layout of the sandbox. Every limit applies per command.
 *
 * <pre>{@code
 * SandboxConfig c = SandboxConfig.defaults().withTimeout(Duration.ofSeconds(30));
 * }</pre>
 *
 * @param timeout             wall-clock limit of one command; on expiry the whole sandbox of that command is killed
 * @param maxProcesses        {@code ulimit -u}: processes and threads the command may have at once (stops fork bombs)
 * @param maxFileBytes        {@code ulimit -f}: the largest file a command may write
 * @param cpuSeconds          {@code ulimit -t}: CPU seconds per process
 * @param maxMemoryBytes      {@code ulimit -v}: address space per process
 * @param maxOutputChars      output kept for the observation: head and tail of this many bytes in all, the middle
 *                            replaced by a {@code [... N characters truncated ...]} marker
 * @param killAfterOutputBytes a command that prints more than this is killed (as {@code yes} would be), so a
 *                            flood never runs until the timeout
 * @param mountPoint          where the working copy appears inside the sandbox, e.g. {@code /testbed}
 * @param hostUid             when the JVM runs as root, the unprivileged host uid the sandbox runs as (root is
 *                            exempt from process limits, and must not own the sandbox); ignored otherwise
 * @param extraReadOnly       further host folders made visible read-only at the same path (e.g. a Python venv)
 * @param maxConsecutiveTimeouts after this many timeouts in a row an episode refuses further commands
 */
public record SandboxConfig(Duration timeout, int maxProcesses, long maxFileBytes, long cpuSeconds, long maxMemoryBytes,
                            int maxOutputChars, long killAfterOutputBytes, String mountPoint, int hostUid,
                            List<Path> extraReadOnly, int maxConsecutiveTimeouts) {

    public SandboxConfig {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        if (maxProcesses < 8) throw new IllegalArgumentException("maxProcesses must be at least 8");
        if (!mountPoint.startsWith("/") || mountPoint.equals("/") || mountPoint.contains("..")) {
            throw new IllegalArgumentException("mountPoint must be an absolute folder other than /");
        }
        extraReadOnly = List.copyOf(extraReadOnly);
    }

    /**
     * 60 s per command, 256 processes, 512 MiB files, 300 CPU s, 4 GiB address space, 10,000 output characters,
     * killed after 16 MiB of output, mounted at {@code /testbed}, uid 65534 ({@code nobody}) under root,
     * 3 consecutive timeouts.
     */
    public static SandboxConfig defaults() {
        return new SandboxConfig(Duration.ofSeconds(60), 256, 512L << 20, 300, 4L << 30, 10_000, 16L << 20,
                "/testbed", 65534, List.of(), 3);
    }

    public SandboxConfig withTimeout(Duration t) {
        return new SandboxConfig(t, maxProcesses, maxFileBytes, cpuSeconds, maxMemoryBytes, maxOutputChars,
                killAfterOutputBytes, mountPoint, hostUid, extraReadOnly, maxConsecutiveTimeouts);
    }

    public SandboxConfig withMaxProcesses(int n) {
        return new SandboxConfig(timeout, n, maxFileBytes, cpuSeconds, maxMemoryBytes, maxOutputChars,
                killAfterOutputBytes, mountPoint, hostUid, extraReadOnly, maxConsecutiveTimeouts);
    }

    public SandboxConfig withOutput(int maxChars, long killAfterBytes) {
        return new SandboxConfig(timeout, maxProcesses, maxFileBytes, cpuSeconds, maxMemoryBytes, maxChars,
                killAfterBytes, mountPoint, hostUid, extraReadOnly, maxConsecutiveTimeouts);
    }

    public SandboxConfig withMaxFileBytes(long n) {
        return new SandboxConfig(timeout, maxProcesses, n, cpuSeconds, maxMemoryBytes, maxOutputChars,
                killAfterOutputBytes, mountPoint, hostUid, extraReadOnly, maxConsecutiveTimeouts);
    }
}
