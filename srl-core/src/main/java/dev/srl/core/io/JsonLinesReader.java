package dev.srl.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams a JSONL file one object at a time: memory stays flat however many lines the file has.
 * Blank lines are skipped. Invalid UTF-8, malformed JSON and non-object lines are errors naming the
 * file and line; with {@code skipInvalid} such lines are skipped and counted instead.
 *
 * <pre>{@code
 * try (var in = JsonLinesReader.open(Path.of("steps.jsonl"), false)) {
 *     for (JsonLine line : in) System.out.println(line.requireText("target"));
 *     System.err.println("skipped " + in.skipped());
 * }
 * }</pre>
 */
public final class JsonLinesReader implements Iterable<JsonLine>, Closeable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final BufferedReader reader;
    private final String source;
    private final boolean skipInvalid;
    private long lineNumber;
    private long skipped;
    private JsonLine next;
    private boolean iterated;

    private JsonLinesReader(BufferedReader reader, String source, boolean skipInvalid) {
        this.reader = reader;
        this.source = source;
        this.skipInvalid = skipInvalid;
    }

    /** Opens a file; errors name it by its path. */
    public static JsonLinesReader open(Path file, boolean skipInvalid) throws IOException {
        return of(Files.newInputStream(file), file.toString(), skipInvalid);
    }

    /** Wraps a stream (e.g. standard input) that error messages call {@code source}. */
    public static JsonLinesReader of(InputStream in, String source, boolean skipInvalid) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new JsonLinesReader(new BufferedReader(new InputStreamReader(in, decoder), 1 << 16), source, skipInvalid);
    }

    /** How many invalid lines were skipped so far (only with {@code skipInvalid}). */
    public long skipped() { return skipped; }

    /** The name used in error messages. */
    public String source() { return source; }

    /** The next object, or {@code null} at the end of the input. */
    public JsonLine nextLine() {
        while (true) {
            String text;
            try {
                text = reader.readLine();
            } catch (CharacterCodingException e) {
                // The decoder cannot resynchronise reliably after bad bytes, so this is fatal even with skipInvalid.
                throw new DataFormatException(source, lineNumber + 1, null, "invalid UTF-8", e);
            } catch (IOException e) {
                throw new UncheckedIOException(source + ": " + e.getMessage(), e);
            }
            if (text == null) return null;
            lineNumber++;
            if (text.isBlank()) continue;
            try {
                JsonNode node = MAPPER.readTree(text);
                if (node == null || !node.isObject()) {
                    throw new DataFormatException(source, lineNumber, null,
                            "expected a JSON object, got " + (node == null ? "nothing" : JsonLine.describe(node)));
                }
                return new JsonLine(source, lineNumber, node);
            } catch (JsonProcessingException e) {
                if (skipInvalid) { skipped++; continue; }
                throw new DataFormatException(source, lineNumber, null, "malformed JSON: " + e.getOriginalMessage(), e);
            } catch (DataFormatException e) {
                if (skipInvalid) { skipped++; continue; }
                throw e;
            }
        }
    }

    /** Counts a line that parsed as JSON but failed the caller's validation, when skipping is on. */
    public boolean skip(DataFormatException e) {
        if (!skipInvalid) return false;
        skipped++;
        return true;
    }

    @Override
    public Iterator<JsonLine> iterator() {
        if (iterated) throw new IllegalStateException("a JsonLinesReader can be iterated once");
        iterated = true;
        return new Iterator<>() {
            @Override public boolean hasNext() {
                if (next == null) next = nextLine();
                return next != null;
            }
            @Override public JsonLine next() {
                if (!hasNext()) throw new NoSuchElementException();
                JsonLine l = next;
                next = null;
                return l;
            }
        };
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
