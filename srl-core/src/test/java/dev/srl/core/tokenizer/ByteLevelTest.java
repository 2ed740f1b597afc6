package dev.srl.core.tokenizer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ByteLevelTest {
    @Test
    void mapsBytesLikeGpt2() {
        assertEquals('\u0120', ByteLevel.BYTE_TO_CHAR[' ']);
        assertEquals('\u010a', ByteLevel.BYTE_TO_CHAR['\n']);
        assertEquals('\u0109', ByteLevel.BYTE_TO_CHAR['\t']);
        assertEquals('a', ByteLevel.BYTE_TO_CHAR['a']);
        assertEquals('\u00ae', ByteLevel.BYTE_TO_CHAR[0xAE]);
        assertEquals('\u0143', ByteLevel.BYTE_TO_CHAR[0xAD]);   // the 68th and last remapped byte
        for (int b = 0; b < 256; b++) assertEquals(b, ByteLevel.byteOf(ByteLevel.BYTE_TO_CHAR[b]));
        assertEquals(-1, ByteLevel.byteOf('\u4e16'));
    }

    @Test
    void invalidUtf8GetsOneReplacementPerMaximalSubpartAsInRust() {
        assertEquals("\ufffd", lossy(0xF0, 0x90, 0x80));                   // truncated 4-byte sequence
        assertEquals("\ufffd\ufffdA", lossy(0xE0, 0x80, 0x41));             // overlong start: 2 errors
        assertEquals("\ufffd\ufffd\ufffd", lossy(0xED, 0xA0, 0x80));        // a surrogate
        assertEquals("\ufffd\ufffd", lossy(0xC0, 0xAF));
        assertEquals("\ufffd\ufffd\ufffd\ufffd", lossy(0xF4, 0x90, 0x80, 0x80));
        assertEquals("\ufffdx", lossy(0xE4, 0xB8, 'x'));
        assertEquals("\ufffd\ufffd", lossy(0xE4, 0xB8, 0xE4));
        String ok = "a\u00e9\u4e16\ud83d\udc4b";
        byte[] b = ok.getBytes(StandardCharsets.UTF_8);
        assertEquals(ok, ByteLevel.decodeUtf8(b, b.length));
    }

    private static String lossy(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) b[i] = (byte) bytes[i];
        return ByteLevel.decodeUtf8(b, b.length);
    }
}
