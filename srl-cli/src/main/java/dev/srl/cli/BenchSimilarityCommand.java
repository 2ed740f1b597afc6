package dev.srl.cli;

import dev.srl.core.model.ModelBenchmark;
import dev.srl.core.reward.PythonDifflib;
import dev.srl.core.reward.SequenceMatcher;
import dev.srl.core.reward.SimilarityPairs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code srl bench similarity}: the Java SequenceMatcher against CPython's difflib on the same pairs. */
@Command(name = "similarity",
        mixinStandardHelpOptions = true,
        description = {
                "Times SequenceMatcher.ratio on generated pairs of realistic step lengths (an expert step of 50-600 "
                        + "characters, math with LaTeX or shell commands, and an edited copy of it as the action), "
                        + "then CPython's difflib on the same pairs in a python3 child process (timed inside Python "
                        + "with time.perf_counter), and prints pairs per second for each and the speed-up.",
                "Java is timed after a JIT warm-up, each repetition repeating the pairs for about a second; both report the median of their repetitions, in wall-clock "
                        + "time and in the CPU time of the timing thread (steadier on a busy machine). The ratios of "
                        + "the two are compared too; the exit code is 1 if any differs.",
        },
        footer = {"", "Example:", "  srl bench similarity --pairs 2000 --seed 1 --reps 5",
                "  SRL_PYTHON=/usr/bin/python3.12 srl bench similarity --autojunk"})
final class BenchSimilarityCommand implements Callable<Integer> {

    @Option(names = "--pairs", defaultValue = "1000", description = "Number of pairs (default: ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the pair generator (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--reps", defaultValue = "5", description = "Timed repetitions of each side (default: ${DEFAULT-VALUE})")
    int reps;

    @Option(names = "--autojunk", description = "Time with the autojunk heuristic on (default: off, the SRL reward's setting)")
    boolean autojunk;

    @Option(names = "--no-python", description = "Time the Java side only")
    boolean noPython;

    /**
     * Both sides' medians over the same pairs: seconds per pass over all pairs, wall-clock and CPU of the timing
     * thread; the Python fields are NaN (and {@code python} null) when it was not run.
     */
    record Figures(int pairs, double meanChars, int reps, int passes, double javaWall, double javaCpu,
                   String python, double pythonWall, double pythonCpu, int identicalRatios) {
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Figures f = measure(pairs, seed, reps, autojunk, !noPython, out);
        if (f.python() == null) return 0;
        out.printf(Locale.ROOT, "speed-up: %.1fx per pair wall-clock, %.1fx in CPU time (java over python)%n",
                f.pythonWall() / f.javaWall(), f.pythonCpu() / f.javaCpu());
        out.printf(Locale.ROOT, "ratios identical to CPython: %d of %d%n", f.identicalRatios(), pairs);
        return f.identicalRatios() == pairs ? 0 : 1;
    }

    /** Times both sides on {@link SimilarityPairs#realistic} pairs, printing each side's line to {@code out}. */
    static Figures measure(int pairs, long seed, int reps, boolean autojunk, boolean python, PrintStream out) throws IOException {
        if (pairs < 1) throw new IllegalArgumentException("--pairs must be at least 1, got " + pairs);
        if (reps < 1) throw new IllegalArgumentException("--reps must be at least 1, got " + reps);
        List<SimilarityPairs.Pair> data = SimilarityPairs.realistic(seed, pairs);
        long chars = data.stream().mapToLong(p -> p.a().length() + p.b().length()).sum();
        out.printf(Locale.ROOT, "pairs: %d (seed %d), mean length %.0f chars per string, autojunk=%s%n",
                pairs, seed, chars / (2.0 * pairs), autojunk);

        double[] javaRatios = new double[pairs];
        // Warm-up: at least 3 passes and 2 seconds, so the timed passes run compiled code.
        long warmStart = System.nanoTime();
        long passNanos = Long.MAX_VALUE;
        for (int pass = 0; pass < 3 || System.nanoTime() - warmStart < 2_000_000_000L; pass++) {
            long t0 = System.nanoTime();
            ratios(data, javaRatios, autojunk);
            passNanos = Math.min(passNanos, System.nanoTime() - t0);
        }
        // Each repetition runs enough passes to last about a second, so scheduler noise averages out.
        int passes = (int) Math.max(1, Math.min(1000, (1_000_000_000L + passNanos - 1) / Math.max(1, passNanos)));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] javaSeconds = new double[reps];
        double[] javaCpu = new double[reps];
        for (int r = 0; r < reps; r++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int pass = 0; pass < passes; pass++) ratios(data, javaRatios, autojunk);
            javaSeconds[r] = (System.nanoTime() - t0) / 1e9 / passes;
            javaCpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9 / passes;
        }
        double javaMedian = ModelBenchmark.median(javaSeconds);
        double javaCpuMedian = ModelBenchmark.median(javaCpu);
        report(out, "java  ", pairs, javaMedian, javaCpuMedian, reps,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", passes per rep: " + passes);
        double meanChars = chars / (2.0 * pairs);
        if (!python) return new Figures(pairs, meanChars, reps, passes, javaMedian, javaCpuMedian, null, Double.NaN, Double.NaN, 0);
        if (!PythonDifflib.available()) {
            out.println("python : " + PythonDifflib.interpreter() + " not available; Java side only");
            return new Figures(pairs, meanChars, reps, passes, javaMedian, javaCpuMedian, null, Double.NaN, Double.NaN, 0);
        }
        PythonDifflib.Timing py = PythonDifflib.bench(data, autojunk, reps);
        double pyMedian = ModelBenchmark.median(py.seconds());
        double pyCpuMedian = ModelBenchmark.median(py.cpuSeconds());
        report(out, "python", pairs, pyMedian, pyCpuMedian, py.seconds().length, "CPython " + py.pythonVersion() + " difflib");
        int equal = 0;
        for (int k = 0; k < pairs; k++) {
            if (Double.doubleToLongBits(py.ratios()[k]) == Double.doubleToLongBits(javaRatios[k])) equal++;
        }
        return new Figures(pairs, meanChars, reps, passes, javaMedian, javaCpuMedian, "CPython " + py.pythonVersion(),
                pyMedian, pyCpuMedian, equal);
    }

    /** Prints one side's result; {@code wall} and {@code cpu} are seconds for one pass over all pairs. */
    private static void report(PrintStream out, String who, int pairs, double wall, double cpu, int reps, String what) {
        out.printf(Locale.ROOT, "%s : median %.4f s wall (%.4f s CPU) per pass over %d reps -> %,.0f pairs/s wall, "
                        + "%,.0f pairs/s CPU (%.1f us/pair wall) [%s]%n",
                who, wall, cpu, reps, pairs / wall, pairs / cpu, 1e6 * wall / pairs, what);
    }

    private static void ratios(List<SimilarityPairs.Pair> data, double[] into, boolean autojunk) {
        for (int k = 0; k < into.length; k++) {
            SimilarityPairs.Pair p = data.get(k);
            into[k] = SequenceMatcher.ratio(p.a(), p.b(), autojunk);
        }
    }

}
