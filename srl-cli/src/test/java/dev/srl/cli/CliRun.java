package dev.srl.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the {@code srl} command line in-process with captured standard streams, for the CLI tests. */
final class CliRun {
    private CliRun() {
    }

    /** What a run returned: the exit code and everything written to standard output and error. */
    record Result(int code, String out, String err) {
        /** {code, out, err} as strings, for tests that index the result. */
        String[] asArray() {
            return new String[] {String.valueOf(code), out, err};
        }
    }

    /** Runs {@code srl args...} with empty standard input. */
    static Result run(String... args) {
        return run(new byte[0], args);
    }

    /** Runs {@code srl args...} with {@code stdin} as standard input. */
    static Result run(byte[] stdin, String... args) {
        InputStream oldIn = System.in;
        PrintStream oldOut = System.out, oldErr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = SrlCommand.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
