package dev.srl.core.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A file format that holds expert trajectories. The core reads its own JSONL layout; task adapters
 * (math, software engineering) add formats such as s1K-1.1 or SWE-smith. Reading is streaming: each
 * trajectory goes to {@code sink} as soon as it is parsed.
 *
 * <pre>{@code
 * ReadStats stats = format.read(Path.of("trajs.jsonl"), false, traj -> builder.build(traj).forEach(out::write));
 * }</pre>
 */
public interface TrajectoryFormat {

    /** The name used on the command line, e.g. {@code srl}, {@code s1k}, {@code swe-smith}. */
    String name();

    /**
     * Reads every trajectory of {@code file}. A record that cannot be read is an error naming the file and
     * record ({@link dev.srl.core.io.DataFormatException}); with {@code skipInvalid} it is skipped and counted.
     * A record that is valid but does not fit the format's step structure (e.g. no numbered steps) is
     * excluded and counted, as the paper does.
     */
    ReadStats read(Path file, boolean skipInvalid, Consumer<Trajectory> sink) throws IOException;

    /**
     * @param read     trajectories passed to the sink
     * @param skipped  invalid records skipped (only with skipInvalid)
     * @param excluded valid records that did not fit the step structure
     */
    record ReadStats(long read, long skipped, long excluded) {
    }
}
