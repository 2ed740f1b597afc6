package dev.srl.swe.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Shared set-up of the sandbox and grading tests: skip only when bubblewrap or python3 is missing (CI installs both). */
public final class SandboxTestSupport {
    private SandboxTestSupport() {
    }

    /** The bundled tasks and some sandbox tests run python3 inside the sandbox, where only /usr is visible. */
    public static void assumePython() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) || Files.isExecutable(Path.of("/usr/local/bin/python3")),
                "python3 is not installed under /usr");
    }

    public static void assumeBubblewrap() {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "bwrap"))) found = true;
        }
        assumeTrue(found, "bubblewrap (bwrap) is not installed");
    }

    /** A working copy directly under the system temp folder (reachable by the sandbox uid). */
    static Path workingCopy() throws IOException {
        Path wc = Files.createTempDirectory("srl-wc");
        Files.writeString(wc.resolve("calc.py"), "def add(a, b):\n    return a - b\n");
        Files.createDirectories(wc.resolve("sub"));
        return wc;
    }
}
