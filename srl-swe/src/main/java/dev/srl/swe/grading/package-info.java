/**
 * SWE-bench-style grading: task instances ({@link dev.srl.swe.grading.SweTaskReader}), patch application with
 * fallbacks and test runs inside the sandbox ({@link dev.srl.swe.grading.Grader}), per-test log parsing
 * ({@link dev.srl.swe.grading.TestLogParser}), and the bundled task suite with expert trajectories
 * ({@link dev.srl.swe.grading.BundledTasks}, {@link dev.srl.swe.grading.ExpertReplay}).
 */
package dev.srl.swe.grading;
