package dev.srl.core.io;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * A file written to a temporary sibling and renamed into place only on {@link #commit()}: a crash, an
 * exception or Ctrl-C never leaves a half-written output, and an existing file is replaced whole or not at all.
 *
 * <pre>{@code
 * try (var out = AtomicOutput.create(Path.of("out.jsonl"))) {
 *     out.writer().write("{\"a\":1}\n");
 *     out.commit();          // without this, close() deletes the temporary file
 * }
 * }</pre>
 */
public final class AtomicOutput implements Closeable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path target;
    private final Path temp;
    private final Writer writer;
    private boolean committed;

    private AtomicOutput(Path target, Path temp, Writer writer) {
        this.target = target;
        this.temp = temp;
        this.writer = writer;
    }

    /** Starts writing {@code target}; its parent folder is created if needed. */
    public static AtomicOutput create(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: that makes the file owner-only (0600), and the output would keep it.
        Path temp = dir.resolve("." + abs.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        Writer w = new BufferedWriter(new OutputStreamWriter(
                Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                StandardCharsets.UTF_8), 1 << 16);
        return new AtomicOutput(abs, temp, w);
    }

    /** The writer for the content (UTF-8). */
    public Writer writer() { return writer; }

    /** Flushes, syncs and renames the temporary file onto the target. */
    public void commit() throws IOException {
        writer.close();
        moveIntoPlace(temp, target);
        committed = true;
    }

    /** Renames {@code from} onto {@code to} atomically where the file system allows it. */
    public static void moveIntoPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes {@code content} to {@code target} atomically. */
    public static void writeString(Path target, String content) throws IOException {
        try (AtomicOutput out = create(target)) {
            out.writer().write(content);
            out.commit();
        }
    }

    @Override
    public void close() throws IOException {
        if (committed) return;
        try {
            writer.close();
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
