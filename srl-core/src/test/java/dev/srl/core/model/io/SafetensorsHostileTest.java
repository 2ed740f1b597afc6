package dev.srl.core.model.io;

import dev.srl.core.io.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.srl.core.model.io.RawSafetensors.floatsLE;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files built by hand to break each rule; every error must name the file and, where one is at fault, the tensor. */
class SafetensorsHostileTest {
    @TempDir Path dir;

    private String refuse(Path f, String... mustContain) {
        var e = assertThrows(DataFormatException.class, () -> SafetensorsReader.open(f).close());
        String m = e.getMessage();
        assertTrue(m.contains(f.toString()), "names the file: " + m);
        for (String s : mustContain) assertTrue(m.contains(s), "'" + s + "' in: " + m);
        return m;
    }

    private Path file(String header, byte[] data) throws IOException {
        return RawSafetensors.write(dir.resolve("bad.safetensors"), header, data);
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    @Test
    void fileShorterThanTheLengthPrefix() throws IOException {
        Path f = Files.write(dir.resolve("bad.safetensors"), new byte[]{1, 2, 3});
        refuse(f, "too short");
    }

    @Test
    void headerLengthOverTheFormatLimitIsRefusedBeforeReading() throws IOException {
        Path f = RawSafetensors.write(dir.resolve("bad.safetensors"), 200L * 1024 * 1024, "{}", new byte[0]);
        refuse(f, "100 MB");
        Path g = RawSafetensors.write(dir.resolve("bad.safetensors"), -1L, "{}", new byte[0]);
        refuse(g, "18446744073709551615", "100 MB");
    }

    @Test
    void headerLengthLargerThanTheFile() throws IOException {
        Path f = RawSafetensors.write(dir.resolve("bad.safetensors"), 5000, "{}", new byte[0]);
        refuse(f, "larger than the rest of the file");
    }

    @Test
    void headerThatIsNotJsonOrNotAnObject() throws IOException {
        refuse(file("{\"a\": ", new byte[0]), "not valid JSON");
        refuse(file("[1,2]", new byte[0]), "not a JSON object");
        refuse(file("{} trailing", new byte[0]), "not valid JSON");
    }

    @Test
    void duplicateKeys() throws IOException {
        String h = "{" + entry("w", "F32", "[1]", 0, 4) + "," + entry("w", "F32", "[1]", 4, 8) + "}";
        refuse(file(h, floatsLE(1, 2)), "Duplicate field 'w'");
    }

    @Test
    void unknownAndUnsupportedDtypes() throws IOException {
        refuse(file("{" + entry("w", "Q7", "[1]", 0, 4) + "}", floatsLE(1)), "tensor 'w'", "'Q7' is not supported");
        refuse(file("{" + entry("ids", "I64", "[1]", 0, 8) + "}", new byte[8]), "tensor 'ids'", "'I64'");
    }

    @Test
    void negativeOrNonIntegerDimensions() throws IOException {
        refuse(file("{" + entry("w", "F32", "[-1, -4]", 0, 16) + "}", new byte[16]), "tensor 'w'", "negative");
        refuse(file("{" + entry("w", "F32", "[1.5]", 0, 4) + "}", new byte[4]), "tensor 'w'", "not an integer");
    }

    @Test
    void shapeThatDisagreesWithTheByteRange() throws IOException {
        refuse(file("{" + entry("w", "F32", "[3]", 0, 8) + "}", new byte[8]), "tensor 'w'", "needs 12 bytes", "span 8");
    }

    @Test
    void hugeClaimsInATinyFileFailFastWithoutAllocating() throws IOException {
        // 2^40 floats would be 4 TiB: the header is checked against the 8-byte file long before any allocation.
        long n = 1L << 40;
        refuse(file("{" + entry("huge", "F32", "[" + n + "]", 0, 4 * n) + "}", new byte[8]), "tensor 'huge'", "past the data section");
        refuse(file("{" + entry("huge", "F32", "[" + n + "]", 0, 8) + "}", new byte[8]), "tensor 'huge'", "span 8");
        refuse(file("{" + entry("huge", "F32", "[4294967296, 4294967296]", 0, 8) + "}", new byte[8]), "tensor 'huge'", "more elements");
        refuse(file("{" + entry("huge", "F64", "[4611686018427387904]", 0, 8) + "}", new byte[8]), "tensor 'huge'");
    }

    @Test
    void offsetsOutOfOrderOrPastTheData() throws IOException {
        refuse(file("{" + entry("w", "F32", "[1]", 8, 4) + "}", new byte[8]), "tensor 'w'", "ordered pair");
        refuse(file("{" + entry("w", "F32", "[1]", -4, 0) + "}", new byte[8]), "tensor 'w'");
        refuse(file("{" + entry("w", "F32", "[2]", 4, 12) + "}", new byte[8]), "tensor 'w'", "past the data section");
        refuse(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]), "tensor 'w'", "data_offsets");
    }

    @Test
    void overlappingTensors() throws IOException {
        String h = "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}";
        refuse(file(h, new byte[12]), "tensor 'b'", "overlap tensor 'a'");
    }

    @Test
    void gapsAndUncoveredBytes() throws IOException {
        // The reference implementation requires the tensors to tile the data section exactly.
        String gap = "{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}";
        refuse(file(gap, new byte[12]), "tensor 'b'", "gap of 4");
        String tail = "{" + entry("a", "F32", "[1]", 0, 4) + "}";
        refuse(file(tail, new byte[12]), "tensor 'a'", "8 bytes after the last tensor");
        refuse(file("{" + entry("a", "F32", "[1]", 4, 8) + "}", new byte[8]), "tensor 'a'", "gap of 4");
    }

    @Test
    void malformedMetadata() throws IOException {
        refuse(file("{\"__metadata__\":{\"n\":3}}", new byte[0]), "__metadata__", "'n'");
        refuse(file("{\"__metadata__\":[1]}", new byte[0]), "__metadata__");
    }

    @Test
    void entryThatIsNotAnObject() throws IOException {
        refuse(file("{\"w\":3}", new byte[0]), "tensor 'w'");
        refuse(file("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", floatsLE(1)), "tensor 'w'", "dtype");
    }
}
