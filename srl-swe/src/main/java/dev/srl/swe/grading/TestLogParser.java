package dev.srl.swe.grading;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads per-test outcomes from a test log.
 * <ul>
 *   <li>{@code unittest} ({@code python -m unittest -v}): lines {@code test_x (pkg.mod.Class.test_x) ... ok}
 *       (Python 3.11+) or {@code test_x (pkg.mod.Class) ... ok} (older); names become {@code pkg.mod.Class.test_x};
 *       {@code ok} → PASSED, {@code FAIL} → FAILED, {@code ERROR} → ERROR, {@code skipped …} → SKIPPED,
 *       {@code expected failure} → XFAIL, {@code unexpected success} → FAILED.</li>
 *   <li>{@code pytest} ({@code -rA} summary or {@code -v}): {@code PASSED tests/x.py::test_a} or
 *       {@code tests/x.py::test_a PASSED}; XPASS counts as FAILED (strict), as in SWE-bench.</li>
 * </ul>
 * A test named twice keeps its last outcome.
 *
 * <pre>{@code
 * Map<String, TestStatus> s = TestLogParser.parse("unittest", log);
 * }</pre>
 */
public final class TestLogParser {
    private TestLogParser() {
    }

    private static final Pattern UNITTEST = Pattern.compile(
            "^(\\w+) \\(([\\w.]+)\\)(?:\\n[^\\n]*?)? \\.\\.\\. (ok|FAIL|ERROR|skipped.*|expected failure|unexpected success)$",
            Pattern.MULTILINE);
    private static final Pattern PYTEST_PREFIX = Pattern.compile("^(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS) (\\S+::\\S+)", Pattern.MULTILINE);
    private static final Pattern PYTEST_SUFFIX = Pattern.compile("^(\\S+::\\S+) (PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)\\b", Pattern.MULTILINE);

    /** The outcomes in {@code log}, by test name, for parser {@code unittest} or {@code pytest}. */
    public static Map<String, TestStatus> parse(String parser, String log) {
        Map<String, TestStatus> out = new LinkedHashMap<>();
        if (parser.equals("unittest")) {
            Matcher m = UNITTEST.matcher(log);
            while (m.find()) {
                String method = m.group(1);
                String where = m.group(2);
                String name = where.endsWith("." + method) ? where : where + "." + method;
                String r = m.group(3);
                TestStatus s = r.equals("ok") ? TestStatus.PASSED : r.equals("FAIL") ? TestStatus.FAILED
                        : r.equals("ERROR") ? TestStatus.ERROR : r.startsWith("skipped") ? TestStatus.SKIPPED
                        : r.equals("expected failure") ? TestStatus.XFAIL : TestStatus.FAILED;
                out.put(name, s);
            }
        } else if (parser.equals("pytest")) {
            Matcher m = PYTEST_PREFIX.matcher(log);
            while (m.find()) out.put(m.group(2), status(m.group(1)));
            Matcher v = PYTEST_SUFFIX.matcher(log);
            while (v.find()) out.putIfAbsent(v.group(1), status(v.group(2)));
        } else {
            throw new IllegalArgumentException("unknown log parser '" + parser + "' (expected unittest or pytest)");
        }
        return out;
    }

    private static TestStatus status(String s) {
        return s.equals("XPASS") ? TestStatus.FAILED : TestStatus.valueOf(s);
    }
}
