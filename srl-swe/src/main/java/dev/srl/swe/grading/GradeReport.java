package dev.srl.swe.grading;

import java.util.List;
import java.util.Map;

/**
 * The grade of one model patch on one task.
 *
 * @param instanceId    the task
 * @param patchApplied  the model patch applied by one of the methods
 * @param applyMethod   {@code git apply}, {@code git apply --3way} or {@code patch}; {@code null} if none worked
 * @param testsRan      the test patch applied and the test command ran (to the end or to its timeout)
 * @param testTimedOut  the test command hit its timeout
 * @param results       each test's outcome as read from the log
 * @param failToPassFailed FAIL_TO_PASS tests that did not pass (missing from the log counts as failed)
 * @param passToPassFailed PASS_TO_PASS tests that broke
 * @param resolved      every FAIL_TO_PASS test passes and every PASS_TO_PASS test still passes (SWE-bench's FULL)
 * @param log           the test command's output (head and tail if long), or why nothing ran
 */
public record GradeReport(String instanceId, boolean patchApplied, String applyMethod, boolean testsRan, boolean testTimedOut,
                          Map<String, TestStatus> results, List<String> failToPassFailed, List<String> passToPassFailed,
                          boolean resolved, String log) {
    public GradeReport {
        results = Map.copyOf(results);
        failToPassFailed = List.copyOf(failToPassFailed);
        passToPassFailed = List.copyOf(passToPassFailed);
    }
}
