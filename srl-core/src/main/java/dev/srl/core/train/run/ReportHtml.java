package dev.srl.core.train.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.io.AtomicOutput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html}: the curves of a run's {@code metrics.jsonl} as inline SVG, readable offline with no
 * scripts. Each chart shows one metric against the step, with its range and last value.
 *
 * <pre>{@code
 * ReportHtml.write(runDir);   // reads runDir/metrics.jsonl, writes runDir/report.html
 * }</pre>
 */
public final class ReportHtml {
    /** Metrics plotted when present, in this order. */
    public static final List<String> CHARTS = List.of("reward_mean", "groups_kept", "frac_zero_std_groups", "loss", "val_loss",
            "grad_norm", "entropy", "kl", "clip_frac_high", "completion_len_mean", "truncated_frac", "lr", "time/step_s");
    private static final int W = 420, H = 160, PAD = 36;

    private ReportHtml() {
    }

    public static void write(Path runDir) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        Path metrics = runDir.resolve("metrics.jsonl");
        ObjectMapper json = new ObjectMapper();
        if (Files.exists(metrics)) {
            for (String line : Files.readAllLines(metrics)) if (!line.isBlank()) rows.add(json.readTree(line));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(runDir.getFileName().toString())).append("</title>\n<style>body{font-family:sans-serif;margin:20px}"
                        + ".c{display:inline-block;margin:8px;vertical-align:top}h3{margin:4px 0;font-size:14px}"
                        + "svg{background:#fafafa;border:1px solid #ddd}</style></head><body>\n<h1>Run ")
                .append(escape(runDir.getFileName().toString())).append("</h1>\n<p>").append(rows.size()).append(" steps logged.</p>\n");
        for (String key : CHARTS) {
            List<double[]> pts = new ArrayList<>();
            for (JsonNode r : rows) {
                JsonNode v = r.get(key);
                if (v != null && v.isNumber() && Double.isFinite(v.asDouble()) && r.has("step")) pts.add(new double[] {r.get("step").asDouble(), v.asDouble()});
            }
            if (!pts.isEmpty()) sb.append(chart(key, pts));
        }
        sb.append("</body></html>\n");
        AtomicOutput.writeString(runDir.resolve("report.html"), sb.toString());
    }

    private static String chart(String title, List<double[]> pts) {
        double x0 = pts.get(0)[0], x1 = x0, y0 = pts.get(0)[1], y1 = y0;
        for (double[] p : pts) { x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]); y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]); }
        if (x1 == x0) x1 = x0 + 1;
        if (y1 == y0) {
            // A constant series (e.g. the learning rate) sits mid-chart on a scale of its own size.
            double pad = y0 == 0 ? 1 : Math.abs(y0) * 0.5;
            y1 = y0 + pad;
            y0 = y0 - pad;
        }
        StringBuilder pl = new StringBuilder();
        for (double[] p : pts) {
            double x = PAD + (p[0] - x0) / (x1 - x0) * (W - 2 * PAD);
            double y = H - PAD / 2.0 - (p[1] - y0) / (y1 - y0) * (H - PAD);
            pl.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        double last = pts.get(pts.size() - 1)[1];
        return String.format(Locale.ROOT, "<div class=\"c\"><h3>%s (last %s)</h3><svg width=\"%d\" height=\"%d\" "
                        + "xmlns=\"http://www.w3.org/2000/svg\"><polyline fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"1.5\" points=\"%s\"/>"
                        + "<text x=\"2\" y=\"12\" font-size=\"10\">%s</text><text x=\"2\" y=\"%d\" font-size=\"10\">%s</text>"
                        + "<text x=\"%d\" y=\"%d\" font-size=\"10\">step %s</text><text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>"
                        + "</svg></div>\n",
                escape(title), fmt(last), W, H, pl.toString().trim(), fmt(y1), H - 14, fmt(y0), PAD, H - 2, step(x0), W - 4, H - 2, step(x1));
    }

    private static String step(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : fmt(x);
    }

    private static String fmt(double v) {
        return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v != 0) ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
