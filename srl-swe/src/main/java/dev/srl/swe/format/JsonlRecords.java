package dev.srl.swe.format;

import dev.srl.core.data.Trajectory;
import dev.srl.core.data.TrajectoryFormat.ReadStats;
import dev.srl.core.io.DataFormatException;
import dev.srl.core.io.JsonLine;
import dev.srl.core.io.JsonLinesReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/** The read loop shared by the JSONL formats: one record per line, invalid ones skipped or fatal, step-less ones excluded. */
final class JsonlRecords {
    private JsonlRecords() {
    }

    /** @param parse a record's trajectory, or {@code null} when it has no steps (excluded) */
    static ReadStats read(Path file, boolean skipInvalid, Consumer<Trajectory> sink, Function<JsonLine, Trajectory> parse)
            throws IOException {
        long read = 0;
        long excluded = 0;
        long skipped = 0;
        try (JsonLinesReader in = JsonLinesReader.open(file, skipInvalid)) {
            for (JsonLine line : in) {
                Trajectory t;
                try {
                    t = parse.apply(line);
                } catch (DataFormatException e) {
                    if (in.skip(e)) continue;
                    throw e;
                } catch (IllegalArgumentException e) {
                    DataFormatException d = line.error(null, e.getMessage());
                    if (in.skip(d)) continue;
                    throw d;
                }
                if (t == null) {
                    excluded++;
                } else {
                    sink.accept(t);
                    read++;
                }
            }
            skipped = in.skipped();
        }
        return new ReadStats(read, skipped, excluded);
    }
}
