package dev.srl.math.answer;

/**
 * The outcome of comparing two answers. {@link #UNKNOWN} means the checker cannot decide (e.g. two
 * different symbolic expressions) and refuses to guess; callers decide what that is worth.
 */
public enum Verdict {
    EQUAL, NOT_EQUAL, UNKNOWN;

    /** EQUAL only if every part is EQUAL; NOT_EQUAL if any part is NOT_EQUAL; else UNKNOWN. */
    static Verdict all(Iterable<Verdict> parts) {
        boolean unknown = false;
        for (Verdict v : parts) {
            if (v == NOT_EQUAL) return NOT_EQUAL;
            if (v == UNKNOWN) unknown = true;
        }
        return unknown ? UNKNOWN : EQUAL;
    }
}
