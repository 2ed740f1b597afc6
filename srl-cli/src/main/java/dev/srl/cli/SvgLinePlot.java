package dev.srl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained SVG line chart with several named series on shared axes, for the plots of
 * {@code docs/benchmarks.md}. Points with a non-finite coordinate are left out, so a series that was not
 * measured simply does not appear. The x axis may be logarithmic (model sizes span orders of magnitude).
 *
 * <pre>{@code
 * String svg = new SvgLinePlot("Training step", "tokens per sequence", "ms per step", false)
 *         .series("srl", new double[] {64, 128}, new double[] {40, 90})
 *         .series("PyTorch", new double[] {64, 128}, new double[] {35, 80})
 *         .svg();
 * }</pre>
 *
 * <p>{@code ReportHtml} draws one unlabelled metric per chart inside HTML; this one needs a legend, axis
 * titles and ticks, so it is its own small class rather than a generalisation of that.
 */
final class SvgLinePlot {
    private static final String[] COLORS = {"#1f6feb", "#d1242f", "#2da44e", "#8250df"};
    private static final int W = 560, H = 340, LEFT = 70, RIGHT = 20, TOP = 50, BOTTOM = 50;

    private record Series(String name, List<double[]> points) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final List<Series> series = new ArrayList<>();

    SvgLinePlot(String title, String xLabel, String yLabel, boolean logX) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
    }

    SvgLinePlot series(String name, double[] xs, double[] ys) {
        List<double[]> pts = new ArrayList<>();
        for (int k = 0; k < xs.length; k++) {
            if (Double.isFinite(xs[k]) && Double.isFinite(ys[k]) && (!logX || xs[k] > 0)) pts.add(new double[] {xs[k], ys[k]});
        }
        series.add(new Series(name, pts));
        return this;
    }

    String svg() {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y1 = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                x0 = Math.min(x0, fx(p[0]));
                x1 = Math.max(x1, fx(p[0]));
                y1 = Math.max(y1, p[1]);
            }
        }
        if (x0 > x1) { x0 = 0; x1 = 1; }
        if (x1 == x0) { x0 -= 0.5; x1 += 0.5; }
        double margin = 0.06 * (x1 - x0); // keeps the end points off the frame
        x0 -= margin;
        x1 += margin;
        if (y1 <= 0) y1 = 1;
        y1 *= 1.1; // headroom, and the y axis starts at zero so ratios read off the chart honestly
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n", W, H));
        sb.append(text(W / 2.0, 18, "middle", 14, title));
        int plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>\n",
                LEFT, TOP, plotW, plotH));
        for (int k = 0; k <= 4; k++) {
            double v = y1 * k / 4, y = TOP + plotH - plotH * k / 4.0;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>\n", LEFT, y, LEFT + plotW, y));
            sb.append(text(LEFT - 6, y + 4, "end", 11, fmt(v)));
        }
        List<Double> ticks = new ArrayList<>();
        for (Series s : series) for (double[] p : s.points()) if (!ticks.contains(p[0])) ticks.add(p[0]);
        for (double t : ticks) {
            double x = LEFT + (fx(t) - x0) / (x1 - x0) * plotW;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>\n", x, TOP + plotH, x, TOP + plotH + 4));
            sb.append(text(x, TOP + plotH + 16, "middle", 11, fmt(t)));
        }
        sb.append(text(LEFT + plotW / 2.0, H - 10, "middle", 12, xLabel + (logX ? " (log scale)" : "")));
        sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" "
                + "transform=\"rotate(-90 14 %.1f)\">%s</text>\n", TOP + plotH / 2.0, TOP + plotH / 2.0, escape(yLabel)));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String color = COLORS[i % COLORS.length];
            StringBuilder pts = new StringBuilder();
            for (double[] p : s.points()) {
                double x = LEFT + (fx(p[0]) - x0) / (x1 - x0) * plotW, y = TOP + plotH - p[1] / y1 * plotH;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", x, y, color));
            }
            sb.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n",
                    color, pts.toString().trim()));
            // the legend sits in one row between the title and the plot, where it cannot hide a point
            int lx = LEFT + 200 * i, ly = TOP - 12;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>\n",
                    lx, ly - 4, lx + 20, ly - 4, color));
            sb.append(text(lx + 26, ly, "start", 11, s.name() + (s.points().isEmpty() ? " (not measured)" : "")));
        }
        return sb.append("</svg>\n").toString();
    }

    private double fx(double x) {
        return logX ? Math.log10(x) : x;
    }

    private static String text(double x, double y, String anchor, int size, String s) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>\n",
                x, y, anchor, size, escape(s));
    }

    private static String fmt(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e6) return String.format(Locale.ROOT, "%.3gM", v / 1e6);
        if (a >= 1e4) return String.format(Locale.ROOT, "%.3gk", v / 1e3);
        if (a >= 100 || v == Math.rint(v)) return String.format(Locale.ROOT, "%,.0f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
