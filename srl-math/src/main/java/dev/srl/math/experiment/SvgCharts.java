package dev.srl.math.experiment;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two small standalone SVG charts with a legend: lines (one series per name) and grouped bars. Plain text with no
 * scripts or external fonts, so they render on GitHub and in any browser.
 *
 * <pre>{@code
 * String svg = SvgCharts.lines("reward", "update", Map.of("SRL", List.of(new double[] {1, 0.2}, new double[] {2, 0.3})));
 * String bars = SvgCharts.bars("accuracy", List.of("2 steps", "3 steps"), Map.of("SFT", new double[] {0.5, 0.2}), 1.0);
 * }</pre>
 */
public final class SvgCharts {
    /** Colour-blind-safe palette (Okabe–Ito), one colour per series in order. */
    static final List<String> COLOURS = List.of("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442");
    private static final int W = 640, H = 320, LEFT = 50, RIGHT = 230, TOP = 30, BOTTOM = 40;

    private SvgCharts() {
    }

    /** Line chart of several series of (x, y) points. */
    public static String lines(String title, String xLabel, Map<String, List<double[]>> series) {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (List<double[]> pts : series.values()) {
            for (double[] p : pts) {
                x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]); y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]);
            }
        }
        if (!(x1 > x0)) { x0 = x0 == Double.POSITIVE_INFINITY ? 0 : x0; x1 = x0 + 1; }
        if (!(y1 > y0)) { y0 = y0 == Double.POSITIVE_INFINITY ? 0 : y0 - 0.5; y1 = y0 + 1; }
        StringBuilder sb = header(title);
        axes(sb, x0, x1, y0, y1, xLabel);
        int i = 0;
        for (var e : series.entrySet()) {
            String colour = COLOURS.get(i % COLOURS.size());
            StringBuilder pl = new StringBuilder();
            for (double[] p : e.getValue()) pl.append(fmt(px(p[0], x0, x1))).append(',').append(fmt(py(p[1], y0, y1))).append(' ');
            sb.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.8\" points=\"")
                    .append(pl.toString().trim()).append("\"/>\n");
            legend(sb, i++, colour, e.getKey());
        }
        return sb.append("</svg>\n").toString();
    }

    /** Grouped bar chart: one group per category, one bar per series, values from 0 to {@code max}. */
    public static String bars(String title, List<String> categories, Map<String, double[]> series, double max) {
        StringBuilder sb = header(title);
        axes(sb, 0, 1, 0, max, "");
        int n = Math.max(1, series.size());
        double groupWidth = (W - LEFT - RIGHT) / (double) Math.max(1, categories.size());
        double barWidth = groupWidth * 0.8 / n;
        for (int c = 0; c < categories.size(); c++) {
            double gx = LEFT + c * groupWidth;
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
                    gx + groupWidth / 2, H - BOTTOM + 16, escape(categories.get(c))));
            int i = 0;
            for (double[] values : series.values()) {
                double v = c < values.length ? values[c] : 0;
                double top = py(v, 0, max);
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                        gx + groupWidth * 0.1 + i * barWidth, top, barWidth, Math.max(0, py(0, 0, max) - top), COLOURS.get(i % COLOURS.size())));
                i++;
            }
        }
        int i = 0;
        for (String name : series.keySet()) legend(sb, i, COLOURS.get(i++ % COLOURS.size()), name);
        return sb.append("</svg>\n").toString();
    }

    private static StringBuilder header(String title) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                        + "<text x=\"%d\" y=\"18\" font-size=\"14\">%s</text>%n", W, H, LEFT, escape(title)));
    }

    private static void axes(StringBuilder sb, double x0, double x1, double y0, double y1, String xLabel) {
        int bottom = H - BOTTOM, right = W - RIGHT;
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n", LEFT, bottom, right, bottom));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n", LEFT, TOP, LEFT, bottom));
        for (int t = 0; t <= 4; t++) {
            double v = y0 + (y1 - y0) * t / 4;
            double y = py(v, y0, y1);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>%n", LEFT, y, right, y, LEFT - 4, y + 3, tick(v)));
        }
        if (!xLabel.isEmpty()) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>"
                            + "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>"
                            + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
                    LEFT, bottom + 14, tick(x0), right, bottom + 14, tick(x1), (LEFT + right) / 2, bottom + 30, escape(xLabel)));
        }
    }

    private static void legend(StringBuilder sb, int i, String colour, String name) {
        int x = W - RIGHT + 12, y = TOP + 10 + 18 * i;
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>%n", x, y - 10, colour, x + 16, y, escape(name)));
    }

    private static double px(double x, double x0, double x1) {
        return LEFT + (x - x0) / (x1 - x0) * (W - LEFT - RIGHT);
    }

    private static double py(double y, double y0, double y1) {
        return H - BOTTOM - (y - y0) / (y1 - y0) * (H - BOTTOM - TOP);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String tick(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? String.valueOf((long) Math.rint(v)) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
