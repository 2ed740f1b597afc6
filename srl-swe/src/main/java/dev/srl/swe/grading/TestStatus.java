package dev.srl.swe.grading;

/** One test's outcome in a log, as SWE-bench's log parsers name them. */
public enum TestStatus {
    PASSED, FAILED, SKIPPED, ERROR, XFAIL;

    /** Counts as passing for a FAIL_TO_PASS test (a skipped one does not). */
    public boolean fixes() {
        return this == PASSED || this == XFAIL;
    }

    /** Counts as still passing for a PASS_TO_PASS test. */
    public boolean keeps() {
        return this == PASSED || this == XFAIL || this == SKIPPED;
    }
}
