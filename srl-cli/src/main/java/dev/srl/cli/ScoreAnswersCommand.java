package dev.srl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.srl.core.io.AtomicOutput;
import dev.srl.core.io.JsonLine;
import dev.srl.core.io.JsonLinesReader;
import dev.srl.math.bench.BenchmarkLayout;
import dev.srl.math.bench.BenchmarkLoader;
import dev.srl.math.bench.BenchmarkProblem;
import dev.srl.math.eval.AnswerScorer;
import dev.srl.math.eval.BenchmarkScore;
import dev.srl.math.eval.ProblemResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code srl score-answers}: math benchmark metrics from completions a model already wrote. */
@Command(name = "score-answers",
        mixinStandardHelpOptions = true,
        description = {
                "Scores completions against a math benchmark's gold answers: the answer is the last \\boxed{} "
                        + "(then 'final answer is', then the last number), compared by the three-valued checker; "
                        + "only EQUAL counts as correct (UNKNOWN counts as wrong).",
                "Completions are JSON lines {\"id\": ..., \"greedy\": \"...\", \"samples\": [\"...\", ...]} (either "
                        + "field may be left out; every sampled problem needs the same number of samples). Every "
                        + "benchmark problem needs a line.",
                "Prints greedy accuracy, avg@n and pass@k as JSON (or a markdown table with --markdown)."},
        sortOptions = false,
        footer = {
                "",
                "Examples:",
                "  srl score-answers --benchmark aime24.jsonl --completions out.jsonl --k 1,8,32",
                "  srl score-answers --benchmark minerva.jsonl --layout minerva --completions greedy.jsonl --markdown"})
final class ScoreAnswersCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--benchmark", required = true, paramLabel = "FILE", description = "Benchmark JSONL (AIME, AMC, MATH-500, Minerva, or {id, problem, answer}).")
    Path benchmark;

    @Option(names = "--layout", paramLabel = "NAME", description = "aime24, aime25, amc23, math500, minerva or generic (default: detected).")
    String layout;

    @Option(names = "--completions", required = true, paramLabel = "FILE", description = "Completions JSONL (see above).")
    Path completions;

    @Option(names = "--name", paramLabel = "NAME", description = "Benchmark name in the output (default: the file name).")
    String name;

    @Option(names = "--k", split = ",", defaultValue = "1", paramLabel = "K", description = "pass@k values (default: ${DEFAULT-VALUE}); k above the sample count is left out.")
    int[] ks;

    @Option(names = "--markdown", description = "Print a markdown table instead of JSON.")
    boolean markdown;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the result here (atomically) instead of standard output.")
    Path output;

    @Override
    public Integer call() throws Exception {
        List<BenchmarkProblem> problems = BenchmarkLoader.load(benchmark, layout == null ? null : BenchmarkLayout.parse(layout));
        Map<String, JsonLine> byId = new LinkedHashMap<>();
        try (JsonLinesReader in = JsonLinesReader.open(completions, false)) {
            for (JsonLine line : in) {
                JsonNode id = line.node().get("id");
                if (id == null || !(id.isTextual() || id.isIntegralNumber())) throw line.error("id", "missing or not a string/integer");
                if (byId.put(id.asText(), line) != null) throw line.error("id", "duplicate id '" + id.asText() + "'");
            }
        }
        List<ProblemResult> results = new ArrayList<>();
        for (BenchmarkProblem p : problems) {
            JsonLine line = byId.remove(p.id());
            if (line == null) throw new IllegalArgumentException(completions + ": no completions for problem '" + p.id() + "' of " + benchmark);
            String greedy = line.optText("greedy", null);
            List<String> samples = line.node().hasNonNull("samples") ? line.requireTextArray("samples") : List.of();
            if (greedy == null && samples.isEmpty()) throw line.error("greedy", "neither 'greedy' nor 'samples' is given");
            results.add(AnswerScorer.score(p, greedy, samples));
        }
        if (!byId.isEmpty()) {
            JsonLine extra = byId.values().iterator().next();
            throw extra.error("id", "'" + extra.node().get("id").asText() + "' is not a problem of " + benchmark);
        }
        String label = name != null ? name : benchmark.getFileName().toString().replaceFirst("\\.jsonl$", "");
        BenchmarkScore score = BenchmarkScore.of(label, results, ks);
        String text = markdown ? BenchmarkScore.markdown(List.of(score)) : BenchmarkScore.json(List.of(score)) + "\n";
        if (output != null) {
            AtomicOutput.writeString(output, text);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        }
        return 0;
    }
}
