package dev.srl.core.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import static org.junit.jupiter.api.Assertions.*;

class AtomicOutputTest {
    @TempDir Path dir;

    @Test
    void committedFileReplacesTargetAndIsReadableByOthers() throws Exception {
        Path target = dir.resolve("out.jsonl");
        Files.writeString(target, "old\n");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            out.writer().write("new\n");
            out.commit();
        }
        assertEquals("new\n", Files.readString(target));
        assertTrue(Files.getPosixFilePermissions(target).contains(PosixFilePermission.OTHERS_READ)
                || !Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_READ),
                "an output should not be owner-only when the umask allows reading");
        try (var files = Files.list(dir)) { assertEquals(1, files.count()); }
    }

    @Test
    void uncommittedOutputLeavesTargetAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("out.jsonl");
        Files.writeString(target, "old\n");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            out.writer().write("half");
        }
        assertEquals("old\n", Files.readString(target));
        try (var files = Files.list(dir)) { assertEquals(1, files.count()); }
    }
}
