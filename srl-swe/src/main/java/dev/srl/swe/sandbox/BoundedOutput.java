package dev.srl.swe.sandbox;

import dev.srl.swe.action.ObservationPolicy;

import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Collects a stream's bytes in bounded memory: the first {@code head} bytes and a ring of the last {@code tail}
 * bytes, counting what falls between. However much a command prints, this holds at most head + tail bytes.
 */
final class BoundedOutput {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-?]*[ -/]*[@-~]|\u001B[@-_]");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

    private final byte[] head;
    private final byte[] tail;
    private int headLen;
    private long total;

    BoundedOutput(int maxBytes) {
        int h = Math.max(1, maxBytes / 2);
        head = new byte[h];
        tail = new byte[Math.max(1, maxBytes - h)];
    }

    void write(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            byte x = b[off + i];
            if (headLen < head.length) head[headLen++] = x;
            else tail[(int) ((total - head.length) % tail.length)] = x;
            total++;
        }
    }

    long total() {
        return total;
    }

    /** The kept text: UTF-8 decoded leniently, ANSI escapes and control characters removed, the middle marked. */
    String text() {
        String h = decode(head, 0, headLen);
        if (total <= head.length) return clean(h);
        long inTail = Math.min(total - head.length, tail.length);
        byte[] t = new byte[(int) inTail];
        long start = total - inTail;
        for (int i = 0; i < inTail; i++) t[i] = tail[(int) ((start - head.length + i) % tail.length)];
        long dropped = total - head.length - inTail;
        String tt = decode(t, 0, t.length);
        return dropped == 0 ? clean(h + tt) : ObservationPolicy.join(clean(h), dropped, clean(tt));
    }

    private static String decode(byte[] b, int off, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException(e);   // cannot happen with REPLACE
        }
    }

    private static String clean(String s) {
        return CONTROL.matcher(ANSI.matcher(s).replaceAll("")).replaceAll("").replace("\r\n", "\n");
    }
}
