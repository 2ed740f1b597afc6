package dev.srl.swe.sandbox;

import dev.srl.swe.action.ToolCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sandbox against ordinary and hostile commands; every escape attempt is checked on the host afterwards. */
class SandboxedExecutorTest {
    static SandboxedExecutor executor;
    Path wc;
    Path canaryDir;
    Path canary;
    Episode ep;

    @BeforeAll
    static void sandbox() {
        SandboxTestSupport.assumeBubblewrap();
        executor = SandboxedExecutor.create(SandboxConfig.defaults().withTimeout(Duration.ofSeconds(20)).withMaxProcesses(64)
                .withOutput(2000, 1 << 20).withMaxFileBytes(1 << 20));
    }

    @BeforeEach
    void open() throws IOException {
        wc = SandboxTestSupport.workingCopy();
        canaryDir = Files.createTempDirectory("srl-canary");
        canary = canaryDir.resolve("canary.txt");
        Files.writeString(canary, "host data");
        ep = executor.open(wc);
    }

    @AfterEach
    void close() {
        if (ep != null) ep.close();
        Ownership.deleteQuietly(wc);
        Ownership.deleteQuietly(canaryDir);
    }

    ActionResult bash(String cmd) {
        return ep.act(ToolCall.bash(cmd));
    }

    @Test
    void runsCommandsAndKeepsDirectoryAndExportsAcrossCommands() {
        ActionResult r = bash("cat calc.py && pwd");
        assertEquals("def add(a, b):\n    return a - b\n/testbed\n", r.observation());
        assertEquals(0, r.exec().exitCode());
        assertEquals(Episode.NO_OUTPUT, bash("cd sub && export MODE=test && LOCAL=1").observation());
        assertEquals("/testbed/sub\ntest\n", bash("pwd; echo $MODE").observation());
        assertEquals(3, bash("echo out; echo err >&2; exit 3").exec().exitCode());
        assertEquals("/testbed/sub\n", bash("pwd").observation());   // exit kept the state too
        assertEquals("1000\n", bash("id -u").observation());
    }

    @Test
    void editsThroughTheEditorAreSeenByTheShell() {
        SandboxTestSupport.assumePython();
        String obs = ep.act(ToolCall.editor("str_replace", "path", "/testbed/calc.py", "old_str", "a - b", "new_str", "a + b")).observation();
        assertTrue(obs.startsWith("The file /testbed/calc.py has been edited."), obs);
        assertEquals("3\n", bash("python3 -c 'import calc; print(calc.add(1, 2))'").observation());
        assertTrue(ep.act(ToolCall.editor("create", "path", "/testbed/new/mod.py", "file_text", "X = 1\n")).observation()
                .startsWith("File created successfully"));
        assertEquals(Episode.NO_OUTPUT, bash("echo 'X = 2' > new/mod.py").observation());   // the sandbox user owns the new file
    }

    @Test
    void diffIncludesNewFiles() {
        assertEquals(0, ep.exec("git init -q && git add -A && git -c user.email=a@b -c user.name=a commit -qm base").exitCode());
        bash("sed -i 's/a - b/a + b/' calc.py && echo 'print(1)' > extra.py");
        String diff = ep.diff();
        assertTrue(diff.contains("-    return a - b\n+    return a + b"), diff);
        assertTrue(diff.contains("+++ b/extra.py"), diff);
        ActionResult s = ep.act(ToolCall.submit());
        assertTrue(s.done());
        assertEquals(diff, s.observation());
    }

    @Test
    void rmRfRootLeavesTheHostIntact() throws IOException {
        long usrBefore = Files.list(Path.of("/usr/bin")).count();
        ActionResult r = bash("rm -rf --no-preserve-root / 2>/dev/null; ls /usr/bin | wc -l");
        assertNotEquals("0", r.observation().strip());
        assertEquals("host data", Files.readString(canary));
        assertEquals(usrBefore, Files.list(Path.of("/usr/bin")).count());
        assertTrue(Files.exists(Path.of("/etc/passwd")));
        assertFalse(Files.exists(wc.resolve("calc.py")));   // the working copy itself is fair game
        assertEquals("ok\n", bash("echo ok").observation()); // and the episode goes on
    }

    @Test
    void cannotReachTheHostLoopback() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            int port = server.getLocalPort();
            try (Socket control = new Socket("127.0.0.1", port)) {   // the listener is reachable from the host...
                assertTrue(control.isConnected());
            }
            server.accept().close();
            ActionResult r = bash("echo hi > /dev/tcp/127.0.0.1/" + port + " && echo CONNECTED; "
                    + "(command -v curl >/dev/null && curl -s -m 3 http://127.0.0.1:" + port + "/ && echo CONNECTED) ; true");
            assertFalse(r.observation().contains("CONNECTED"), r.observation());
            server.setSoTimeout(500);
            assertThrows(SocketTimeoutException.class, server::accept);   // ...but nothing came from the sandbox
            assertTrue(bash("cat /proc/net/dev").observation().lines().filter(l -> l.contains(":")).allMatch(l -> l.strip().startsWith("lo:")));
        }
    }

    @Test
    void forkBombIsBoundedAndKilled() {
        Episode short_ = null;
        try {
            SandboxedExecutor ex = SandboxedExecutor.create(executor.config().withTimeout(Duration.ofSeconds(2)).withMaxProcesses(32));
            short_ = ex.open(wc);
            ActionResult r = short_.act(ToolCall.bash("bomb() { bomb | bomb & }; bomb; sleep 30"));
            assertTrue(r.exec().timedOut() || r.exec().exitCode() != 0);
            assertEquals("after\n", short_.act(ToolCall.bash("echo after")).observation());
            long alive = sandboxProcesses();
            for (int i = 0; i < 50 && alive > 0; i++) {   // the kernel reaps a killed namespace asynchronously
                Thread.sleep(100);
                alive = sandboxProcesses();
            }
            assertEquals(0, alive, "no sandbox process survives");
        } catch (IOException | InterruptedException e) {
            throw new RuntimeException(e);
        } finally {
            if (short_ != null) short_.close();
        }
    }

    @Test
    void endlessOutputIsCappedAndStopped() {
        ActionResult r = bash("yes");
        assertTrue(r.exec().outputLimitHit());
        assertTrue(r.exec().outputBytes() > 1 << 20);
        assertTrue(r.observation().length() < 2300, "kept " + r.observation().length());
        assertTrue(r.observation().contains("characters truncated ...]"));
        assertTrue(r.observation().endsWith("bytes.]"));
    }

    @Test
    void sleepingForeverTimesOutAndLeavesNothingBehind() throws IOException {
        SandboxedExecutor ex = SandboxedExecutor.create(executor.config().withTimeout(Duration.ofSeconds(1)));
        try (Episode e = ex.open(wc)) {
            ActionResult r = e.act(ToolCall.bash("sleep 987654 & sleep 987653"));
            assertTrue(r.exec().timedOut());
            assertTrue(r.observation().contains("was cancelled because it took more than 1 seconds"));
            assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains("sleep 98765")));
            // Background jobs end with their command, even when it finishes normally.
            e.act(ToolCall.bash("sleep 987652 &"));
            assertFalse(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().orElse("").contains("sleep 987652")));
        }
    }

    @Test
    void writesOutsideTheWorkingCopyNeverReachTheHost() throws IOException {
        String n = "srl-escape-" + UUID.randomUUID();
        bash("echo x > /tmp/../etc/" + n + "; echo x > /etc/" + n + "; echo x > $HOME/" + n + "; echo x > /tmp/" + n
                + "; echo x > /usr/" + n + "; echo x > /" + n + "; echo x > " + canary + "; ln -s /etc/passwd link; cp link copy");
        for (Path p : new Path[]{Path.of("/etc", n), Path.of("/tmp", n), Path.of(System.getProperty("user.home"), n), Path.of("/usr", n), Path.of("/", n)}) {
            assertFalse(Files.exists(p), p + " was written");
        }
        assertEquals("host data", Files.readString(canary));
        assertTrue(bash("echo x >> /etc/passwd; echo rc=$?").observation().contains("rc=1"));
        assertEquals("1 1\n", bash("echo ok > /tmp/a; cat /tmp/a | wc -l; ls /tmp | wc -l").observation().replace("\n", " ").strip() + "\n");
    }

    @Test
    void linksPlantedInTheControlFolderNeverRedirectHostWrites() throws IOException {
        ActionResult r = bash("ln -sf " + canary + " /srl/in/cmd; echo in=$?; ln -sf " + canary + " /srl/state/syntax-error; "
                + "ln -sf " + canary + " /srl/in/model.patch; echo x > /srl/in/new; echo in2=$?");
        assertTrue(r.observation().contains("in=1") && r.observation().contains("in2=1"), r.observation());   // read-only
        assertEquals("still\n", bash("echo still").observation());
        assertEquals("/srl/in/model.patch", ep.stage("model.patch", "diff"));
        bash("ln -sf " + canary + " /srl/state/env");
        assertEquals("again\n", bash("echo again").observation());
        assertEquals("host data", Files.readString(canary));
        assertTrue(Files.isRegularFile(canary, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void editorRefusesPathsThatLeaveTheWorkingCopy() throws IOException {
        bash("ln -s /etc etclink; ln -s " + canaryDir + " hostlink; ln -s ../.. up");
        Files.createSymbolicLink(wc.resolve("canary"), canary);
        String[] bad = {"/testbed/etclink/passwd", "/testbed/hostlink/canary.txt", "/testbed/canary", "/testbed/../etc/passwd",
                "/etc/passwd", "/testbed/up/etc/passwd"};
        for (String p : bad) {
            String view = ep.act(ToolCall.editor("view", "path", p)).observation();
            assertFalse(view.contains("root:"), view);
            assertFalse(view.contains("host data"), view);
            String edit = ep.act(ToolCall.editor("str_replace", "path", p, "old_str", "host data", "new_str", "owned")).observation();
            assertTrue(edit.contains("cannot be used"), edit);
        }
        assertTrue(ep.act(ToolCall.editor("create", "path", "/testbed/hostlink/new.txt", "file_text", "x")).observation().contains("cannot be used"));
        assertFalse(Files.exists(canaryDir.resolve("new.txt")));
        assertEquals("host data", Files.readString(canary));
        assertTrue(ep.act(ToolCall.editor("view", "path", "calc.py")).observation().contains("is not an absolute path"));
    }

    @Test
    void refusesInteractiveAndSyntacticallyBrokenCommands() throws IOException {
        assertTrue(bash("vim calc.py").observation().contains("is not supported"));
        assertTrue(bash("cd sub && python3").observation().contains("is not supported"));
        assertTrue(bash("tail -f calc.py").observation().contains("is not supported"));
        if (Files.isExecutable(Path.of("/usr/bin/python3"))) assertEquals("1\n", bash("python3 -c 'print(1)'").observation());
        ActionResult r = bash("echo \"unterminated");
        assertTrue(r.exec().syntaxError());
        assertTrue(r.observation().contains("syntax"), r.observation());
        assertTrue(bash("head -c 2000000 /dev/zero > big; echo rc=$?").observation().contains("rc=1"));   // ulimit -f
        assertTrue(Files.size(wc.resolve("big")) <= 1 << 20);
        assertTrue(ep.act(new ToolCall("browser", java.util.Map.of())).observation().startsWith("Unknown tool"));
    }

    @Test
    void refusesToRunWithoutASandbox() throws IOException {
        Path empty = Files.createTempDirectory("srl-nopath");
        try {
            SandboxUnavailableException e = assertThrows(SandboxUnavailableException.class,
                    () -> SandboxedExecutor.create(new Bubblewrap(SandboxConfig.defaults(), empty.toString())));
            assertTrue(e.getMessage().contains("bwrap is not installed"), e.getMessage());
        } finally {
            Files.delete(empty);
        }
    }

    /** Processes of the sandbox's host uid still alive (0 unless the JVM is root and something leaked). */
    private static long sandboxProcesses() {
        if (!Bubblewrap.isRoot()) return 0;
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                return Integer.valueOf(65534).equals(Files.getAttribute(Path.of("/proc/" + p.pid()), "unix:uid"));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }).count();
    }
}
