package dev.srl.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.srl.core.io.AtomicOutput;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/** A JSONL file written one object at a time through {@link AtomicOutput}: it appears only on commit. */
final class JsonLinesOutput implements Closeable {
    private final AtomicOutput out;
    private long count;

    JsonLinesOutput(Path file) throws IOException {
        this.out = AtomicOutput.create(file);
    }

    void write(JsonNode node) throws IOException {
        Writer w = out.writer();
        // Jackson escapes line breaks inside strings, so one object is always exactly one line.
        w.write(StepJson.MAPPER.writeValueAsString(node));
        w.write('\n');
        count++;
    }

    long count() { return count; }

    void commit() throws IOException { out.commit(); }

    @Override
    public void close() throws IOException { out.close(); }
}
