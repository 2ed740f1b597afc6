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

    /** Transforms every line of {@code input} (null: stdin) into one line of {@code output} (null: stdout). */
    static long run(Path input, Path output, Function<JsonLine, JsonNode> transform) throws IOException {
        if (input != null && !Files.isRegularFile(input)) throw new IOException(input + ": no such file");
        try (JsonLinesReader in = input == null
                ? JsonLinesReader.of(System.in, STDIN, false)
                : JsonLinesReader.open(input, false)) {
            if (output == null) {
                Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
                try {
                    return copy(in, w, transform);
                } finally {
                    w.flush();
                }
            }
            try (AtomicOutput out = AtomicOutput.create(output)) {
                long n = copy(in, out.writer(), transform);
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
