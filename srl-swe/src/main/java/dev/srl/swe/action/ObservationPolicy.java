package dev.srl.swe.action;

/**
 * How long observations are cut: texts longer than {@code maxChars} keep their first and last
 * {@code maxChars / 2} characters with a one-line marker in between,
 * {@code [... N characters truncated ...]}. The head shows what a command printed first (e.g. the traceback's
 * start), the tail its end (the error line, the test summary), which is where the information usually is.
 * Counts are UTF-16 chars; a cut never splits a surrogate pair.
 *
 * <pre>{@code
 * String short = new ObservationPolicy(2000).apply(longOutput);
 * }</pre>
 *
 * @param maxChars the longest kept text, not counting the marker; 0 or less keeps everything
 */
public record ObservationPolicy(int maxChars) {

    /** The default: 10,000 characters, generous for a context of two observations. */
    public static final ObservationPolicy DEFAULT = new ObservationPolicy(10_000);

    /** Keeps every observation whole. */
    public static final ObservationPolicy UNLIMITED = new ObservationPolicy(0);

    /** {@code text} cut by the policy ({@code null} stays {@code null}). */
    public String apply(String text) {
        if (text == null || maxChars <= 0 || text.length() <= maxChars) return text;
        int head = maxChars / 2;
        int tail = maxChars - head;
        if (Character.isHighSurrogate(text.charAt(head - 1))) head--;
        int tailStart = text.length() - tail;
        if (Character.isLowSurrogate(text.charAt(tailStart))) tailStart++;
        return join(text.substring(0, head), tailStart - head, text.substring(tailStart));
    }

    /** The head, the marker for {@code dropped} characters, and the tail. */
    public static String join(String head, long dropped, String tail) {
        return head + "\n[... " + dropped + " characters truncated ...]\n" + tail;
    }
}
