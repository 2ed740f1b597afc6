package dev.srl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.model.ModelBenchmark;
import dev.srl.core.model.ModelConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code srl bench model}: training and KV-cache decoding throughput of the transformer, next to the same
 * shapes in PyTorch (scripts/bench-torch.py, run as a subprocess with 2 threads).
 */
@Command(name = "model",
        mixinStandardHelpOptions = true,
        description = {
                "Measures the transformer on random weights, Qwen2-style (bias, grouped-query attention, tied",
                "embeddings), at about 1M, 10M and 30M parameters: a training step (forward, backward, AdamW on",
                "every parameter) at 512 tokens, and greedy KV-cache decoding of 8 prompts of 16 tokens for 64",
                "new tokens. Each size also runs in PyTorch (eager, 2 threads, same shapes) when python3 with",
                "torch is available. Times are medians. 'peak RSS' is the process's VmHWM from /proc/self/status",
                "after the size's run (it only grows, so the first size's figure is that size's peak)."},
        footer = {"", "Example:", "  srl bench model --sizes 1M,10M --steps 10"})
final class BenchModelCommand implements Callable<Integer> {

    @Option(names = "--sizes", defaultValue = "1M,10M,30M", split = ",", paramLabel = "LIST",
            description = "sizes to run (default: ${DEFAULT-VALUE})")
    List<String> sizes;

    @Option(names = "--steps", defaultValue = "10", paramLabel = "N", description = "timed training steps per size (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--decode-runs", defaultValue = "3", paramLabel = "N", description = "timed generations per size (default: ${DEFAULT-VALUE})")
    int decodeRuns;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "EXE", description = "python with torch (default: ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--torch-script", paramLabel = "FILE", description = "bench-torch.py (default: scripts/ of this checkout)")
    Path torchScript;

    @Option(names = "--no-torch", description = "skip the PyTorch comparison")
    boolean noTorch;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
            description = "measure each size N times, ours and PyTorch alternately, and report the medians (default: ${DEFAULT-VALUE}): "
                    + "on a shared machine the load changes within seconds")
    int rounds;

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || decodeRuns < 1 || rounds < 1) throw new IllegalArgumentException("--steps, --decode-runs and --rounds must be >= 1");
        List<ModelBenchmark.Size> chosen = new ArrayList<>();
        for (String name : sizes) {
            chosen.add(ModelBenchmark.sizes().stream().filter(s -> s.name().equalsIgnoreCase(name.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown size " + name + "; choose from 1M, 10M, 30M")));
        }
        Path script = noTorch ? null : (torchScript != null ? torchScript : defaultScript());
        if (script != null && !Files.isRegularFile(script)) {
            System.err.println("srl bench model: no " + script + "; running without PyTorch");
            script = null;
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "%-4s %9s | %8s %8s %5s | %8s %8s %5s | %8s %8s %5s | %8s %8s %5s | %7s%n", "size", "params",
                "step ms", "torch", "ratio", "cpu ms", "torch", "ratio",
                "dec t/s", "torch", "ratio", "cpu/tok", "torch", "ratio", "peakRSS");
        for (ModelBenchmark.Size s : chosen) {
            Measured m = measure(python, script, s, steps, decodeRuns, rounds);
            ModelBenchmark.Result r = m.ours();
            long rss = peakRssKb();
            JsonNode t = m.torch();
            double tStep = field(t, "step_ms"), tCpu = field(t, "step_cpu_ms");
            double tDecode = field(t, "decode_tokens_per_s"), tDecodeCpu = field(t, "decode_cpu_ms_per_token");
            out.printf(Locale.ROOT, "%-4s %9d | %8.1f %8.1f %5.2f | %8.1f %8.1f %5.2f | %8.0f %8.0f %5.2f | %8.3f %8.3f %5.2f | %4d MB%n",
                    s.name(), r.parameters(), r.stepMillis(), tStep, r.stepMillis() / tStep,
                    r.stepCpuMillis(), tCpu, r.stepCpuMillis() / tCpu,
                    r.decodeTokensPerSecond(), tDecode, r.decodeTokensPerSecond() / tDecode,
                    r.decodeCpuMillisPerToken(), tDecodeCpu, r.decodeCpuMillisPerToken() / tDecodeCpu, rss / 1024);
            out.flush();
        }
        out.println("step: wall-clock median ms per training step of 512 tokens (forward, backward, AdamW); cpu ms: process");
        out.println("CPU time per step, all threads (steadier on a shared machine); dec t/s: generated tokens per second;");
        out.println("cpu/tok: CPU ms per generated token. Ratios are ours / PyTorch's: below 1 is better for times, above 1");
        out.println("for tokens/s. Same shapes, both on 2 threads.");
        return 0;
    }

    /** One size in both engines (medians over rounds); the PyTorch figure is null when it is not available or failed. */
    record Measured(ModelBenchmark.Result ours, JsonNode torch) {
        double t(String field) {
            return field(torch, field);
        }
    }

    /**
     * Measures a size {@code rounds} times, ours then PyTorch's each round (so both see the same spells of load
     * on a shared machine), and keeps the median of every figure. {@code script} null: ours only.
     */
    static Measured measure(String python, Path script, ModelBenchmark.Size s, int steps, int decodeRuns, int rounds)
            throws IOException, InterruptedException {
        List<ModelBenchmark.Result> ours = new ArrayList<>();
        List<JsonNode> theirs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            ours.add(ModelBenchmark.run(s, steps, decodeRuns));
            JsonNode t = script == null ? null : torch(python, script, s, steps, decodeRuns);
            if (t != null) theirs.add(t);
        }
        ModelBenchmark.Result first = ours.get(0);
        ModelBenchmark.Result median = new ModelBenchmark.Result(s, first.parameters(),
                median(ours, ModelBenchmark.Result::stepMillis), median(ours, ModelBenchmark.Result::stepCpuMillis),
                median(ours, ModelBenchmark.Result::trainTokensPerSecond), median(ours, ModelBenchmark.Result::decodeTokensPerSecond),
                median(ours, ModelBenchmark.Result::decodeCpuMillisPerToken));
        if (theirs.isEmpty()) return new Measured(median, null);
        ObjectNode t = new ObjectMapper().createObjectNode();
        for (java.util.Iterator<String> names = theirs.get(0).fieldNames(); names.hasNext(); ) {
            String name = names.next();
            t.put(name, median(theirs, n -> n.get(name).asDouble()));
        }
        return new Measured(median, t);
    }

    private static <T> double median(List<T> items, java.util.function.ToDoubleFunction<T> f) {
        return ModelBenchmark.median(items.stream().mapToDouble(f).toArray());
    }

    static double field(JsonNode t, String name) {
        return t == null ? Double.NaN : t.get(name).asDouble();
    }

    /** The same size in PyTorch (one JSON line of bench-torch.py), or null after printing why it failed. */
    static JsonNode torch(String python, Path script, ModelBenchmark.Size s, int steps, int decodeRuns)
            throws IOException, InterruptedException {
        ModelConfig c = s.config();
        ObjectNode a = new ObjectMapper().createObjectNode()
                .put("model_type", c.modelType()).put("hidden_size", c.hiddenSize())
                .put("intermediate_size", c.intermediateSize()).put("num_hidden_layers", c.numLayers())
                .put("num_attention_heads", c.numHeads()).put("num_key_value_heads", c.numKvHeads())
                .put("head_dim", c.headDim()).put("rms_norm_eps", c.rmsNormEps()).put("rope_theta", c.ropeTheta())
                .put("vocab_size", c.vocabSize()).put("tie_word_embeddings", c.tieWordEmbeddings())
                .put("attention_bias", c.attentionBias()).put("batch", s.batch()).put("time", s.time())
                .put("decode_batch", s.decodeBatch()).put("prompt_length", s.promptLength())
                .put("new_tokens", s.newTokens()).put("steps", steps).put("decode_runs", decodeRuns).put("threads", 2)
                .put("warmup", ModelBenchmark.WARMUP);
        ProcessBuilder pb = new ProcessBuilder(python, script.toString(), a.toString()).redirectErrorStream(true);
        pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            System.err.println("srl bench model: PyTorch run failed:\n" + output.strip());
            return null;
        }
        String[] lines = output.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    /** scripts/bench-torch.py of the checkout this jar was built in (srl-cli/target/srl-cli.jar). */
    static Path defaultScript() throws URISyntaxException {
        Path jar = Path.of(BenchModelCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.toAbsolutePath().getParent().getParent().getParent().resolve("scripts").resolve("bench-torch.py");
    }

    private static long peakRssKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isRegularFile(status)) return -1;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }
}
