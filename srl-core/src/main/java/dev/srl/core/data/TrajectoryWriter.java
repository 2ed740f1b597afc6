package dev.srl.core.data;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes trajectories in the {@code srl} JSONL format ({@link SrlTrajectoryFormat}), one line at a time. The
 * file appears only on {@link #commit()}; closing without it leaves nothing behind.
 *
 * <pre>{@code
 * try (var out = TrajectoryWriter.create(Path.of("trajs.jsonl"))) {
 *     for (Trajectory t : trajectories) out.write(t);
 *     out.commit();
 * }
 * }</pre>
 */
public final class TrajectoryWriter implements Closeable {
    private final JsonLinesOutput out;

    private TrajectoryWriter(JsonLinesOutput out) {
        this.out = out;
    }

    public static TrajectoryWriter create(Path file) throws IOException {
        return new TrajectoryWriter(new JsonLinesOutput(file));
    }

    public void write(Trajectory t) throws IOException {
        out.write(SrlTrajectoryFormat.toJson(t));
    }

    /** Trajectories written so far. */
    public long count() { return out.count(); }

    /** Moves the finished file into place. */
    public void commit() throws IOException { out.commit(); }

    @Override
    public void close() throws IOException { out.close(); }
}
