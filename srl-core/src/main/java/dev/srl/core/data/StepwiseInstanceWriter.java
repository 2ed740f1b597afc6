package dev.srl.core.data;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes step-wise instances as JSONL ({@link StepwiseInstanceFile} describes the fields), one line at a time.
 * The file appears only on {@link #commit()}; closing without it leaves nothing behind.
 *
 * <pre>{@code
 * try (var out = StepwiseInstanceWriter.create(Path.of("steps.jsonl"))) {
 *     for (StepwiseInstance i : builder.build(trajectory)) out.write(i);
 *     out.commit();
 * }
 * }</pre>
 */
public final class StepwiseInstanceWriter implements Closeable {
    private final JsonLinesOutput out;

    private StepwiseInstanceWriter(JsonLinesOutput out) {
        this.out = out;
    }

    public static StepwiseInstanceWriter create(Path file) throws IOException {
        return new StepwiseInstanceWriter(new JsonLinesOutput(file));
    }

    public void write(StepwiseInstance instance) throws IOException {
        out.write(StepwiseInstanceFile.toJson(instance));
    }

    /**
     * Writes the instance with extra fields appended to its line, e.g. the rendered {@code prompt} and
     * {@code messages}; an extra field may not replace one of the instance's own fields.
     */
    public void write(StepwiseInstance instance, ObjectNode extra) throws IOException {
        ObjectNode o = StepwiseInstanceFile.toJson(instance);
        extra.fields().forEachRemaining(e -> {
            if (o.has(e.getKey())) throw new IllegalArgumentException("extra field '" + e.getKey() + "' would replace an instance field");
            o.set(e.getKey(), e.getValue());
        });
        out.write(o);
    }

    /** Instances written so far. */
    public long count() { return out.count(); }

    /** Moves the finished file into place. */
    public void commit() throws IOException { out.commit(); }

    @Override
    public void close() throws IOException { out.close(); }
}
