package dev.srl.swe.sandbox;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs agent actions against a working copy inside a bubblewrap sandbox, and refuses to run anything when no
 * sandbox can be made. Model output is never run unsandboxed.
 *
 * <p>The sandbox of each command: no network (a private network namespace; even the host's loopback is out of
 * reach), its own PID namespace (so killing it kills every process it started), its own user namespace with every
 * capability dropped, and under root an unprivileged host uid ({@link SandboxConfig#hostUid()}); the system
 * folders {@code /usr}, {@code /etc}, {@code /bin}, {@code /lib*} read-only and nothing else of the host visible;
 * the working copy read-write at {@code /testbed}; a private {@code /tmp}; process, file-size, CPU and memory
 * limits ({@code ulimit}); a wall-clock timeout; output capped as it streams. When the JVM runs as root the working
 * copy is given to the sandbox uid when an episode opens (the kernel applies process limits only to non-root
 * users); its parent folders must be traversable by that uid.
 *
 * <pre>{@code
 * SandboxedExecutor ex = SandboxedExecutor.create(SandboxConfig.defaults());   // throws if no sandbox is possible
 * try (Episode ep = ex.open(Path.of("/tmp/wc"))) {
 *     System.out.println(ep.act(ToolCall.bash("ls")).observation());
 * }
 * }</pre>
 */
public final class SandboxedExecutor {
    private final SandboxConfig config;
    private final Bubblewrap bwrap;

    private SandboxedExecutor(SandboxConfig config, Bubblewrap bwrap) {
        this.config = config;
        this.bwrap = bwrap;
    }

    /**
     * An executor, after checking that a sandbox starts here.
     *
     * @throws SandboxUnavailableException saying why no sandbox can be made
     */
    public static SandboxedExecutor create(SandboxConfig config) {
        return create(new Bubblewrap(config));
    }

    static SandboxedExecutor create(Bubblewrap b) {
        SandboxConfig config = b.config();
        String problem = b.problem();
        if (problem != null) throw new SandboxUnavailableException("no sandbox, so no command is run: " + problem);
        return new SandboxedExecutor(config, b);
    }

    /** Why no sandbox can be made here with the default configuration, or {@code null} if one can. */
    public static String unavailableReason() {
        return new Bubblewrap(SandboxConfig.defaults()).problem();
    }

    public SandboxConfig config() {
        return config;
    }

    /** Starts an episode over {@code workingCopy} (a folder; a git repository if {@link Episode#diff()} is used). */
    public Episode open(Path workingCopy) throws IOException {
        return new Episode(config, bwrap, workingCopy);
    }
}
