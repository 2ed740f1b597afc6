package dev.srl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.io.AtomicOutput;
import dev.srl.core.io.JsonLine;
import dev.srl.core.io.JsonLinesReader;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Runs a line-by-line JSONL transformation from a file or standard input to a file or standard output.
 * A file output goes through {@link AtomicOutput}, so bad input anywhere leaves no output file; standard
 * output is streamed (a filter in a pipe cannot take back lines it has already written).
 */
final class JsonLinesFilter {
    static final String STDIN = "<stdin>";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLinesFilter() {
    }

    /** What a command does with its open input and output. */
    @FunctionalInterface
    interface Body {
        long run(JsonLinesReader in, Writer out) throws IOException;
    }

    /** Transforms every line of {@code input} (null: stdin) into one line of {@code output} (null: stdout). */
    static long run(Path input, Path output, Function<JsonLine, JsonNode> transform) throws IOException {
        return run(input, output, (in, w) -> copy(in, w, transform));
    }

    /**
     * Opens {@code input} (null: stdin) and {@code output} (null: stdout, streamed; a file: atomic, committed only
     * when {@code body} returns) and runs {@code body} on them; returns what {@code body} returns.
     */
    static long run(Path input, Path output, Body body) throws IOException {
        if (input != null && !Files.isRegularFile(input)) throw new IOException(input + ": no such file");
        try (JsonLinesReader in = input == null
                ? JsonLinesReader.of(System.in, STDIN, false)
                : JsonLinesReader.open(input, false)) {
            if (output == null) {
                Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
                try {
                    return body.run(in, w);
                } finally {
                    w.flush();
                }
            }
            try (AtomicOutput out = AtomicOutput.create(output)) {
                long n = body.run(in, out.writer());
                out.commit();
                return n;
            }
        }
    }

    private static long copy(JsonLinesReader in, Writer w, Function<JsonLine, JsonNode> transform) throws IOException {
        long n = 0;
        for (JsonLine line : in) {
            w.write(JSON.writeValueAsString(transform.apply(line)));
            w.write('\n');
            n++;
        }
        return n;
    }
}
