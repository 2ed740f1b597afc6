package dev.srl.core.reward;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CPython's own {@code difflib}, run in a {@code python3} child process, as the oracle that
 * {@link SequenceMatcher} is checked and timed against. Used by the cross-check test and by
 * {@code srl bench similarity}; not needed to compute rewards.
 *
 * <pre>{@code
 * if (PythonDifflib.available()) {
 *     List<PythonDifflib.Result> py = PythonDifflib.check(pairs, true);
 * }
 * }</pre>
 */
public final class PythonDifflib {
    // Every non-ASCII character escaped, so that what Python parses does not depend on its locale, and a
    // non-BMP character travels as a surrogate pair that json.loads joins into one code point.
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** What CPython said about one pair. */
    public record Result(double ratio, List<SequenceMatcher.Match> blocks) {
    }

    /**
     * One timing run over all pairs.
     *
     * @param seconds       wall-clock seconds per repetition ({@code time.perf_counter})
     * @param cpuSeconds    CPU seconds of the timing thread per repetition ({@code time.thread_time})
     * @param ratios        the ratio of each pair
     * @param pythonVersion CPython's version
     */
    public record Timing(double[] seconds, double[] cpuSeconds, double[] ratios, String pythonVersion) {
    }

    private PythonDifflib() {
    }

    /** The Python interpreter used: {@code $SRL_PYTHON}, or {@code python3}. */
    public static String interpreter() {
        String p = System.getenv("SRL_PYTHON");
        return p == null || p.isBlank() ? "python3" : p;
    }

    /** Whether {@link #interpreter()} runs. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder(interpreter(), "-c", "import difflib").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code SequenceMatcher(None, a, b, autojunk).ratio()} and {@code get_matching_blocks()} per pair. */
    public static List<Result> check(List<SimilarityPairs.Pair> pairs, boolean autojunk) throws IOException {
        return check(pairs, autojunk, null);
    }

    /**
     * As {@link #check(List, boolean)} with {@code isjunk = lambda c: c in junk} ({@code junk} null: no junk),
     * the matching Java predicate being {@code c -> junk.indexOf(c) >= 0} over code points.
     */
    public static List<Result> check(List<SimilarityPairs.Pair> pairs, boolean autojunk, String junk) throws IOException {
        List<String> lines = junk == null ? run(pairs, autojunk, "check")
                : run(pairs, autojunk, "check", JSON.writeValueAsString(junk));
        if (lines.size() != pairs.size()) {
            throw new IOException("python returned " + lines.size() + " lines for " + pairs.size() + " pairs");
        }
        List<Result> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            List<SequenceMatcher.Match> blocks = new ArrayList<>();
            for (JsonNode blk : n.get("blocks")) {
                blocks.add(new SequenceMatcher.Match(blk.get(0).intValue(), blk.get(1).intValue(), blk.get(2).intValue()));
            }
            out.add(new Result(n.get("ratio").doubleValue(), blocks));
        }
        return out;
    }

    /** Times CPython's ratio over all pairs, {@code repetitions} times, inside the Python process. */
    public static Timing bench(List<SimilarityPairs.Pair> pairs, boolean autojunk, int repetitions) throws IOException {
        List<String> lines = run(pairs, autojunk, "bench", Integer.toString(repetitions));
        if (lines.size() != 1) throw new IOException("python returned " + lines.size() + " lines, expected 1");
        JsonNode n = JSON.readTree(lines.get(0));
        return new Timing(doubles(n.get("seconds")), doubles(n.get("cpu_seconds")), doubles(n.get("ratios")),
                n.get("python").textValue());
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int k = 0; k < out.length; k++) out[k] = array.get(k).doubleValue();
        return out;
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temporary file must not hide the real outcome
        }
    }

    private static List<String> run(List<SimilarityPairs.Pair> pairs, boolean autojunk, String... args) throws IOException {
        String script;
        try (InputStream in = PythonDifflib.class.getResourceAsStream("difflib_oracle.py")) {
            if (in == null) throw new IOException("difflib_oracle.py is missing from the class path");
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path input = Files.createTempFile("srl-difflib-", ".jsonl");
        Path errors = Files.createTempFile("srl-difflib-", ".err");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
                for (SimilarityPairs.Pair p : pairs) {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("a", p.a()).put("b", p.b()).put("autojunk", autojunk);
                    w.write(JSON.writeValueAsString(o));
                    w.write('\n');
                }
            }
            List<String> command = new ArrayList<>(List.of(interpreter(), "-c", script));
            command.addAll(List.of(args));
            Process proc = new ProcessBuilder(command)
                    .redirectInput(input.toFile())
                    .redirectError(errors.toFile())
                    .start();
            String stdout = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int rc = proc.waitFor();
            if (rc != 0) {
                throw new IOException("python difflib oracle failed (exit " + rc + "): " + Files.readString(errors).strip());
            }
            return stdout.lines().filter(l -> !l.isBlank()).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for python", e);
        } finally {
            deleteQuietly(input);
            deleteQuietly(errors);
        }
    }
}
