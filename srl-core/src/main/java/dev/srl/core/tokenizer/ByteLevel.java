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

    /**
     * Decodes UTF-8, writing one U+FFFD for each maximal invalid subpart exactly as Rust's
     * {@code String::from_utf8_lossy} (which HF's decoder uses) does; Java's own decoder sometimes writes
     * one replacement where Rust writes two, e.g. for a truncated three-byte sequence followed by a stray byte.
     */
    static String decodeUtf8(byte[] b, int len) {
        StringBuilder sb = new StringBuilder(len);
        int i = 0;
        while (i < len) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            }
            int width = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
            if (width == 0) {
                sb.append('\ufffd');
                i++;
                continue;
            }
            // The second byte's range depends on the first (no overlongs, no surrogates, nothing past U+10FFFF).
            int lo = 0x80, hi = 0xBF;
            if (c == 0xE0) lo = 0xA0;
            else if (c == 0xED) hi = 0x9F;
            else if (c == 0xF0) lo = 0x90;
            else if (c == 0xF4) hi = 0x8F;
            int good = 1;
            if (i + 1 < len && (b[i + 1] & 0xFF) >= lo && (b[i + 1] & 0xFF) <= hi) {
                good = 2;
                while (good < width && i + good < len && (b[i + good] & 0xC0) == 0x80) good++;
            }
            if (good < width) {
                sb.append('\ufffd');
                i += good;
                continue;
            }
            int cp = c & (0xFF >> (width + 1));
            for (int k = 1; k < width; k++) cp = (cp << 6) | (b[i + k] & 0x3F);
            sb.appendCodePoint(cp);
            i += width;
        }
        return sb.toString();
    }
}
