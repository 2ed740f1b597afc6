package dev.srl.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] lineBytes = new byte[1 << 10];
    private final String source;
    private final boolean skipInvalid;
    private long lineNumber;
    private long skipped;
    private JsonLine next;
    private boolean iterated;

    private JsonLinesReader(InputStream in, String source, boolean skipInvalid) {
        this.in = in;
        this.source = source;
        this.skipInvalid = skipInvalid;
    }

    /** Opens a file; errors name it by its path. */
    public static JsonLinesReader open(Path file, boolean skipInvalid) throws IOException {
        return of(Files.newInputStream(file), file.toString(), skipInvalid);
    }

    /** Wraps a stream (e.g. standard input) that error messages call {@code source}. */
    public static JsonLinesReader of(InputStream in, String source, boolean skipInvalid) {
        return new JsonLinesReader(in, source, skipInvalid);
    }

    /** How many invalid lines were skipped so far (only with {@code skipInvalid}). */
    public long skipped() { return skipped; }

    /** The name used in error messages. */
    public String source() { return source; }

    /** The next object, or {@code null} at the end of the input. */
    public JsonLine nextLine() {
        while (true) {
            int len;
            try {
                len = readLineBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(source + ": " + e.getMessage(), e);
            }
            if (len < 0) return null;
            lineNumber++;
            String text;
            try {
                // Each line is decoded on its own, so bad bytes are reported on their own line (a decoding
                // reader reads ahead and would blame an earlier one) and skipping them cannot desynchronise.
                text = decoder.decode(ByteBuffer.wrap(lineBytes, 0, len)).toString();
            } catch (CharacterCodingException e) {
                if (skipInvalid) { skipped++; continue; }
                throw new DataFormatException(source, lineNumber, null, "invalid UTF-8", e);
            }
            if (lineNumber == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
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

    /**
     * Reads the bytes of the next line (without its {@code \n} or {@code \r\n}) into {@link #lineBytes};
     * returns their count, or -1 at the end of the input.
     */
    private int readLineBytes() throws IOException {
        int len = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                int n = in.read(chunk, 0, chunk.length);
                if (n <= 0) break;
                pos = 0;
                limit = n;
            }
            any = true;
            int start = pos;
            while (pos < limit && chunk[pos] != '\n') pos++;
            int n = pos - start;
            if (len + n > lineBytes.length) lineBytes = Arrays.copyOf(lineBytes, Math.max(2 * lineBytes.length, len + n));
            System.arraycopy(chunk, start, lineBytes, len, n);
            len += n;
            if (pos < limit) {
                pos++;
                break;
            }
        }
        if (!any) return -1;
        if (len > 0 && lineBytes[len - 1] == '\r') len--;
        return len;
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
        in.close();
    }
}
