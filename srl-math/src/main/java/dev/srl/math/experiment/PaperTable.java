package dev.srl.math.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.io.AtomicOutput;
import dev.srl.math.curriculum.GeneratedProblem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The experiment's outcome and its files: {@code table.md}, {@code results.json}, {@code rewards.svg} (mean
 * rollout reward per update of every RL method), {@code accuracy.svg} (greedy accuracy per difficulty level) and
 * {@code greedy-solutions.jsonl} (every model's greedy solution to every held-out problem).
 *
 * <pre>{@code
 * PaperTable t = PaperTableExperiment.run(config, dir, System.err);
 * System.out.print(t.markdown());
 * }</pre>
 *
 * @param config      the settings
 * @param scores      {@code "base"} and then each {@link Method#id()}, in table order
 * @param budgets     what each method spent, counted from its metrics
 * @param curves      each RL method's mean rollout reward per update
 * @param wallSeconds the whole run's wall time
 */
public record PaperTable(ExperimentConfig config, Map<String, HeldOutScores> scores, Map<Method, Budget> budgets,
                         Map<Method, List<double[]>> curves, double wallSeconds) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static PaperTable of(ExperimentConfig config, Map<String, HeldOutScores> scores, Map<Method, Budget> budgets,
                                Map<Method, List<double[]>> curves, double wallSeconds) {
        return new PaperTable(config, new LinkedHashMap<>(scores), new LinkedHashMap<>(budgets), new LinkedHashMap<>(curves), wallSeconds);
    }

    /** The difficulty levels seen among the held-out problems, in order. */
    public List<Integer> levels() {
        TreeSet<Integer> out = new TreeSet<>();
        for (HeldOutScores s : scores.values()) out.addAll(s.accuracyByLevel().keySet());
        return new ArrayList<>(out);
    }

    /** The table: one row per model, accuracies in percent. */
    public String markdown() {
        List<Integer> levels = levels();
        HeldOutScores any = scores.values().iterator().next();
        StringBuilder sb = new StringBuilder("| Model |");
        for (int l : levels) sb.append(" ").append(l).append(" steps (n=").append(any.problemsByLevel().getOrDefault(l, 0)).append(") |");
        sb.append(" Greedy, all | avg@").append(config.evalSamples()).append(" | Step sim. | Format ok | Average |\n|---|");
        sb.append("---:|".repeat(levels.size() + 5)).append('\n');
        for (var e : scores.entrySet()) {
            HeldOutScores s = e.getValue();
            sb.append("| ").append(label(e.getKey())).append(" |");
            for (int l : levels) sb.append(' ').append(pct(s.accuracyByLevel().get(l))).append(" |");
            sb.append(' ').append(pct(s.greedyAccuracy())).append(" | ").append(pct(s.averageAtK())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", s.stepSimilarity())).append(" | ").append(pct(s.formatOk()))
                    .append(" | ").append(pct(s.levelAverage())).append(" |\n");
        }
        return sb.toString();
    }

    /** Writes the files into {@code runDir}; {@code heldOut} are the problems the scores are about, in order. */
    public void write(Path runDir, List<GeneratedProblem> heldOut) throws IOException {
        StringBuilder md = new StringBuilder("# The paper's comparison at small scale (scale ").append(config.scale())
                .append(", seed ").append(config.seed()).append(")\n\n")
                .append("Greedy accuracy on held-out problems by difficulty (number of expert steps), avg@").append(config.evalSamples())
                .append(" at temperature ").append(config.temperature()).append(", mean greedy step similarity on ")
                .append(config.evalInstances()).append(" held-out step-wise instances. Average = mean of the per-level accuracies.\n\n")
                .append(markdown()).append('\n').append(budgetMarkdown())
                .append(String.format(Locale.ROOT, "%nWall time: %.0f s.%n", wallSeconds));
        AtomicOutput.writeString(runDir.resolve("table.md"), md.toString());
        AtomicOutput.writeString(runDir.resolve("results.json"), JSON.writeValueAsString(json()) + "\n");
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        curves.forEach((m, pts) -> lines.put(m.label(), pts));
        AtomicOutput.writeString(runDir.resolve("rewards.svg"), SvgCharts.lines("Mean rollout reward per update", "update", lines));
        List<String> categories = new ArrayList<>();
        for (int l : levels()) categories.add(l + " steps");
        categories.add("avg@" + config.evalSamples());
        Map<String, double[]> bars = new LinkedHashMap<>();
        for (var e : scores.entrySet()) {
            double[] v = new double[categories.size()];
            int i = 0;
            for (int l : levels()) v[i++] = e.getValue().accuracyByLevel().getOrDefault(l, 0.0);
            v[i] = e.getValue().averageAtK();
            bars.put(label(e.getKey()), v);
        }
        double top = 0;
        for (double[] v : bars.values()) for (double x : v) top = Math.max(top, x);
        double axis = Math.min(1.0, Math.max(0.1, Math.ceil(top * 10) / 10));   // small accuracies stay readable
        AtomicOutput.writeString(runDir.resolve("accuracy.svg"),
                SvgCharts.bars("Held-out accuracy by difficulty (greedy) and avg@" + config.evalSamples(), categories, bars, axis));
        ObjectMapper line = new ObjectMapper();
        StringBuilder sol = new StringBuilder();
        for (int i = 0; i < heldOut.size(); i++) {
            ObjectNode o = line.createObjectNode();
            GeneratedProblem p = heldOut.get(i);
            o.put("id", p.id()).put("level", p.steps().size()).put("problem", p.problem()).put("answer", p.answer());
            ObjectNode greedy = o.putObject("greedy");
            for (var e : scores.entrySet()) greedy.put(e.getKey(), e.getValue().greedy().get(i));
            sol.append(line.writeValueAsString(o)).append('\n');
        }
        AtomicOutput.writeString(runDir.resolve("greedy-solutions.jsonl"), sol.toString());
    }

    /** The matched budgets as counted from the metrics. */
    public String budgetMarkdown() {
        StringBuilder sb = new StringBuilder("| Method | Optimizer steps | Updates | Sequences sampled | Sequences trained on |\n|---|---:|---:|---:|---:|\n");
        budgets.forEach((m, b) -> sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d |%n",
                m.label(), b.steps(), b.updates(), b.sequencesSampled(), b.sequencesTrained())));
        return sb.toString();
    }

    private ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.set("config", JSON.valueToTree(config));
        root.put("wall_seconds", wallSeconds);
        root.put("available_processors", Runtime.getRuntime().availableProcessors());
        ObjectNode rows = root.putObject("models");
        scores.forEach((name, s) -> {
            ObjectNode o = rows.putObject(name);
            o.put("label", label(name));
            ObjectNode byLevel = o.putObject("accuracy_by_level");
            s.accuracyByLevel().forEach((l, a) -> byLevel.put(String.valueOf(l), a));
            ObjectNode counts = o.putObject("problems_by_level");
            s.problemsByLevel().forEach((l, n) -> counts.put(String.valueOf(l), n));
            o.put("greedy_accuracy", s.greedyAccuracy());
            o.put("avg_at_k", s.averageAtK());
            o.put("k", s.k());
            o.put("step_similarity", s.stepSimilarity());
            o.put("format_ok", s.formatOk());
            o.put("level_average", s.levelAverage());
            for (Method m : Method.values()) {
                if (m.id().equals(name) && budgets.containsKey(m)) {
                    Budget b = budgets.get(m);
                    o.putObject("budget").put("optimizer_steps", b.steps()).put("updates", b.updates())
                            .put("sequences_sampled", b.sequencesSampled()).put("sequences_trained", b.sequencesTrained());
                }
            }
        });
        return root;
    }

    private static String label(String id) {
        if (id.equals("base")) return "Base (warm-up only)";
        for (Method m : Method.values()) if (m.id().equals(id)) return m.label();
        return id;
    }

    private static String pct(Double v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%.1f", 100 * v);
    }
}
