package dev.srl.core.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's reversible map between bytes and printable characters, which lets a BPE vocabulary of strings
 * cover every byte sequence: bytes 33–126, 161–172 and 174–255 stand for themselves, the other 68 bytes
 * become U+0100 + n in byte order (space → {@code Ġ}, newline → {@code Ċ}).
 */
final class ByteLevel {
    /** The character that stands for each byte value. */
    static final char[] BYTE_TO_CHAR = new char[256];
    /** The byte each mapped character stands for, indexed by character; -1 for characters outside the map. */
    private static final int[] CHAR_TO_BYTE = new int[0x144];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174);
            char c = printable ? (char) b : (char) (0x100 + extra++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {}

    /** The byte that {@code c} stands for, or -1 when {@code c} is not one of the 256 mapped characters. */
    static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /** The UTF-8 bytes of {@code text}, each written as its mapped character. */
    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        return new String(out);
    }

    /**
     * Appends the bytes a token stands for, the way Hugging Face's ByteLevel decoder does: a token made only
     * of mapped characters gives their bytes; any other token (an added token such as {@code "<x y>"})
     * gives its own UTF-8 bytes.
     */
    static void appendBytes(String token, java.io.ByteArrayOutputStream out) {
        int n = token.length();
        byte[] mapped = new byte[n];
        for (int i = 0; i < n; i++) {
            int b = byteOf(token.charAt(i));
            if (b < 0) {
                out.writeBytes(token.getBytes(StandardCharsets.UTF_8));
                return;
            }
            mapped[i] = (byte) b;
        }
        out.write(mapped, 0, n);
    }
}
