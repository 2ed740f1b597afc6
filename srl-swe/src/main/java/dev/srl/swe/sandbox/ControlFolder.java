package dev.srl.swe.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An episode's control folder on the host: {@code in/} (the command and staged files, bound read-only into the
 * sandbox) and {@code state/} (the saved shell state, the only part a command can write). Host writes never follow
 * links: an entry is deleted and created afresh, so even a link planted there could not redirect a write.
 */
final class ControlFolder {
    private ControlFolder() {
    }

    /** A new control folder, searchable by the sandbox uid. */
    static Path create() throws IOException {
        Path dir = Files.createTempDirectory("srl-episode");
        Files.createDirectory(dir.resolve("in"));
        Files.createDirectory(dir.resolve("state"));
        for (Path p : new Path[]{dir, dir.resolve("in"), dir.resolve("state")}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }

    /** Replaces {@code file} with {@code content} (UTF-8, mode 644) without following any link at its name. */
    static void write(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.write(file, content.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
}
