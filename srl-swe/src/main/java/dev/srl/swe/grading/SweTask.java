package dev.srl.swe.grading;

import java.util.List;

/**
 * One SWE-bench-style task instance.
 *
 * @param instanceId       {@code owner__repo-123}
 * @param repo             {@code owner/name}
 * @param baseCommit       the commit the patches apply to ({@code ""} if unknown)
 * @param patch            the gold fix (a unified diff); never shown to a model
 * @param testPatch        the diff that adds the tests which decide the task
 * @param problemStatement the issue text
 * @param failToPass       tests that must go from failing to passing
 * @param passToPass       tests that must keep passing
 * @param testCmd          the shell command that runs the tests in the working copy (this library's field; SWE-bench
 *                         derives it from the repository's specs instead)
 * @param logParser        how to read the test log: {@code unittest} or {@code pytest}
 * @param repoPath         for the bundled tasks: the snapshot folder under {@code tasks/} ({@code null} otherwise)
 */
public record SweTask(String instanceId, String repo, String baseCommit, String patch, String testPatch,
                      String problemStatement, List<String> failToPass, List<String> passToPass, String testCmd,
                      String logParser, String repoPath) {
    public SweTask {
        failToPass = List.copyOf(failToPass);
        passToPass = List.copyOf(passToPass);
    }
}
