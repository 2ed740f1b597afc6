package dev.srl.core.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonLinesReaderTest {

    private static byte[] bytes(Object... parts) {
        var out = new ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof byte[] raw ? raw : p.toString().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static List<String> values(byte[] data, boolean skip) {
        List<String> out = new ArrayList<>();
        try (var in = JsonLinesReader.of(new ByteArrayInputStream(data), "t.jsonl", skip)) {
            for (JsonLine l : in) out.add(l.lineNumber() + ":" + l.requireText("v"));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    @Test
    void invalidUtf8IsReportedOnItsOwnLine() {
        byte[] data = bytes("{\"v\":\"a\"}\n", "{\"v\":\"b\"}\n", "{\"v\":\"", new byte[]{(byte) 0xC3, (byte) 0x28}, "\"}\n");
        var e = assertThrows(DataFormatException.class, () -> values(data, false));
        assertEquals("t.jsonl:3: invalid UTF-8", e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void skipInvalidAlsoSkipsBadBytes() {
        byte[] data = bytes("{\"v\":\"", new byte[]{(byte) 0xFF}, "\"}\n", "{\"v\":\"ok\"}\n");
        assertEquals(List.of("2:ok"), values(data, true));
    }

    @Test
    void lineEndingsBomAndLongLines() {
        String longValue = "é".repeat(70_000);   // 140 kB of UTF-8, across several read chunks
        byte[] data = bytes("\uFEFF{\"v\":\"bom\"}\r\n", "\n", "{\"v\":\"" + longValue + "\"}\n", "{\"v\":\"last, no newline\"}");
        List<String> got = values(data, false);
        assertEquals(List.of("1:bom", "3:" + longValue, "4:last, no newline"), got);
    }
}
