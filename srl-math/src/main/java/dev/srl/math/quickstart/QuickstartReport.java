package dev.srl.math.quickstart;

import java.nio.file.Path;

/** The quickstart's top-level {@code report.html}: the before/after table and links to each stage's curves. */
final class QuickstartReport {
    private QuickstartReport() {
    }

    static String html(Path runDir, QuickstartResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(runDir.getFileName().toString()))
                .append("</title>\n<style>body{font-family:sans-serif;margin:20px}pre{background:#fafafa;border:1px solid #ddd;"
                        + "padding:8px}</style></head><body>\n<h1>SRL quickstart</h1>\n")
                .append("<p>Held-out scores of the starting model (after the SFT warm-up) and after SRL.</p>\n<pre>")
                .append(escape(r.table())).append("</pre>\n")
                .append(String.format(java.util.Locale.ROOT, "<p>Wall time %.1f s, peak resident memory %.0f MiB.</p>%n",
                        r.wallSeconds(), r.peakMiB()))
                .append("<ul><li><a href=\"sft/report.html\">SFT warm-up curves</a></li>\n")
                .append("<li><a href=\"srl/report.html\">SRL curves</a></li>\n")
                .append("<li><a href=\"eval-samples.jsonl\">held-out responses before and after</a></li>\n")
                .append("<li><a href=\"results.json\">results.json</a></li></ul>\n</body></html>\n");
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
