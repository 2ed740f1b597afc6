package dev.srl.math.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The scores of one model on one benchmark, as fractions in [0, 1]; written as JSON or as a markdown table
 * (percentages, one decimal, as the paper reports them).
 *
 * <pre>{@code
 * BenchmarkScore s = BenchmarkScore.of("aime24", results, new int[]{1, 8});
 * System.out.println(BenchmarkScore.markdown(List.of(s)));
 * // | benchmark | problems | greedy | avg@32 | pass@1 | pass@8 |
 * }</pre>
 *
 * @param benchmark the benchmark's name
 * @param problems  how many problems were scored
 * @param greedy    greedy accuracy, or {@code null} when not measured
 * @param samples   samples per problem (0 when none)
 * @param averageAtN avg@samples, or {@code null} when no samples
 * @param passAtK   pass@k by k (empty when no samples)
 */
public record BenchmarkScore(String benchmark, int problems, Double greedy, int samples, Double averageAtN,
                             Map<Integer, Double> passAtK) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public BenchmarkScore {
        passAtK = Map.copyOf(passAtK);
    }

    /** Computes every metric the results support: greedy when all have it, avg@n and pass@k when sampled. */
    public static BenchmarkScore of(String benchmark, List<ProblemResult> results, int[] ks) {
        boolean greedy = !results.isEmpty() && results.stream().allMatch(r -> r.greedyCorrect() != null);
        boolean sampled = !results.isEmpty() && results.stream().allMatch(r -> r.samples() > 0);
        Map<Integer, Double> pass = new TreeMap<>();
        int n = 0;
        Double avg = null;
        if (sampled) {
            n = EvalMetrics.commonSamples(results);
            avg = EvalMetrics.averageAtN(results);
            for (int k : ks) if (k <= n) pass.put(k, EvalMetrics.passAtK(results, k));
        }
        return new BenchmarkScore(benchmark, results.size(), greedy ? EvalMetrics.greedyAccuracy(results) : null,
                n, avg, pass);
    }

    /** {"benchmark":..,"problems":..,"greedy":..,"samples":..,"avg@n":..,"pass@k":{"1":..}} */
    public ObjectNode toJson() {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("benchmark", benchmark);
        o.put("problems", problems);
        if (greedy != null) o.put("greedy", greedy);
        if (samples > 0) {
            o.put("samples", samples);
            o.put("avg@" + samples, averageAtN);
            ObjectNode p = o.putObject("pass@k");
            new TreeMap<>(passAtK).forEach((k, v) -> p.put(String.valueOf(k), v));
        }
        return o;
    }

    /** A JSON array of the scores, pretty-printed. */
    public static String json(List<BenchmarkScore> scores) {
        ArrayNode a = MAPPER.createArrayNode();
        scores.forEach(s -> a.add(s.toJson()));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(a);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row per benchmark; columns for every metric any of them has, "–" where one lacks it. */
    public static String markdown(List<BenchmarkScore> scores) {
        boolean anyGreedy = scores.stream().anyMatch(s -> s.greedy() != null);
        TreeSet<Integer> ns = new TreeSet<>();
        TreeSet<Integer> ks = new TreeSet<>();
        for (BenchmarkScore s : scores) {
            if (s.samples() > 0) ns.add(s.samples());
            ks.addAll(s.passAtK().keySet());
        }
        StringBuilder head = new StringBuilder("| benchmark | problems |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        if (anyGreedy) { head.append(" greedy |"); rule.append("---:|"); }
        for (int n : ns) { head.append(" avg@").append(n).append(" |"); rule.append("---:|"); }
        for (int k : ks) { head.append(" pass@").append(k).append(" |"); rule.append("---:|"); }
        StringBuilder out = new StringBuilder().append(head).append('\n').append(rule).append('\n');
        for (BenchmarkScore s : scores) {
            out.append("| ").append(s.benchmark()).append(" | ").append(s.problems()).append(" |");
            if (anyGreedy) out.append(' ').append(percent(s.greedy())).append(" |");
            for (int n : ns) out.append(' ').append(percent(s.samples() == n ? s.averageAtN() : null)).append(" |");
            for (int k : ks) out.append(' ').append(percent(s.passAtK().get(k))).append(" |");
            out.append('\n');
        }
        return out.toString();
    }

    private static String percent(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.1f", 100 * v);
    }
}
