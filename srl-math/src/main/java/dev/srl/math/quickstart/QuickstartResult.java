package dev.srl.math.quickstart;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What the quickstart measured.
 *
 * @param runDir      the run directory
 * @param start       held-out scores of the starting model (after the SFT warm-up)
 * @param afterSrl    held-out scores after SRL
 * @param wallSeconds wall time of the whole pipeline
 * @param peakMiB     the JVM process's peak resident memory (VmHWM), -1 if unknown
 */
public record QuickstartResult(Path runDir, QuickstartMetrics start, QuickstartMetrics afterSrl, double wallSeconds, double peakMiB) {

    /** The before/after table, as printed. */
    public String table() {
        int k = start.k();
        StringBuilder sb = new StringBuilder();
        sb.append("| held-out metric                        |  start | after SRL |    change |\n");
        sb.append("|----------------------------------------|-------:|----------:|----------:|\n");
        row(sb, "step similarity to expert (greedy)", start.stepSimilarity(), afterSrl.stepSimilarity(), false);
        row(sb, "step reward (-1 = broken format)", start.stepReward(), afterSrl.stepReward(), false);
        row(sb, "responses in <think>...</think> format", start.formatOk(), afterSrl.formatOk(), true);
        row(sb, "accuracy, greedy step-by-step", start.greedyAccuracy(), afterSrl.greedyAccuracy(), true);
        if (k > 0) {
            row(sb, "avg@" + k + " (temperature sampling)", start.averageAtK(), afterSrl.averageAtK(), true);
            row(sb, "pass@" + k, start.passAtK(), afterSrl.passAtK(), true);
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, double a, double b, boolean percent) {
        String fa = percent ? String.format(Locale.ROOT, "%5.1f%%", 100 * a) : String.format(Locale.ROOT, "%6.3f", a);
        String fb = percent ? String.format(Locale.ROOT, "%8.1f%%", 100 * b) : String.format(Locale.ROOT, "%9.3f", b);
        String fd = percent ? String.format(Locale.ROOT, "%+5.1f pts", 100 * (b - a)) : String.format(Locale.ROOT, "%+9.3f", b - a);
        sb.append(String.format(Locale.ROOT, "| %-38s | %s | %s | %9s |%n", name, fa, fb, fd));
    }
}
