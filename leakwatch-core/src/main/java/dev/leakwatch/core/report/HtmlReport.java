package dev.leakwatch.core.report;

import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.DiagnosisJson;
import dev.leakwatch.core.model.Evidence;
import dev.leakwatch.core.model.Finding;
import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.model.Trend;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a diagnosis as one self-contained HTML file: inline CSS and SVG charts, no script
 * and no network, so it opens anywhere and can be attached to a ticket. The diagnosis JSON is
 * embedded too, for tools that want the data back.
 */
public final class HtmlReport {
    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1000px;color:#1d2330;padding:0 1em}
            h1{font-size:1.5em;margin-bottom:.2em} h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #dde;padding-bottom:.2em}
            .meta{color:#556;margin:.1em 0} code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em}
            .verdict{display:inline-block;padding:.25em .8em;border-radius:4px;font-weight:600;color:#fff}
            .v-leak{background:#c62828}.v-no-leak{background:#2e7d32}.v-inconclusive{background:#8d6e00}
            .sev-leak{color:#c62828;font-weight:600}.sev-suspect{color:#b26a00;font-weight:600}
            table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{border:1px solid #dde;padding:.3em .5em;text-align:left;vertical-align:top}
            th{background:#f3f4f8} td.num{text-align:right;white-space:nowrap}
            .chart{width:100%;max-width:640px;height:auto;display:block;margin:.4em 0}
            .chart .plot{fill:#fafbfd;stroke:#ccd}.chart .grid{stroke:#e6e8ef}.chart .axis{font-size:10px;fill:#667}
            .chart .series{fill:none;stroke:#1565c0;stroke-width:1.2}.chart .sample{fill:#1565c0}
            .chart .fit{stroke:#c62828;stroke-width:2;stroke-dasharray:6 4}
            .legend span{margin-right:1.2em}.legend .s{color:#1565c0}.legend .f{color:#c62828}
            """;

    private HtmlReport() {}

    public static String render(Diagnosis d) {
        Map<Resource, Trend> trends = new HashMap<>();
        for (Trend t : d.trends()) {
            trends.put(t.resource(), t);
        }
        StringBuilder h = new StringBuilder(32 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>leakwatch: pid ").append(d.target().pid()).append(" ").append(Html.escape(d.verdict().id()))
                .append("</title><style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>leakwatch diagnosis of pid ").append(d.target().pid()).append("</h1>\n");
        h.append("<p class=\"meta\"><code>").append(Html.escape(d.target().command())).append("</code></p>\n");
        if (d.target().jvm() != null) {
            h.append("<p class=\"meta\">JVM ").append(Html.escape(d.target().jvm())).append("</p>\n");
        }
        if (d.window() != null) {
            h.append("<p class=\"meta\">window ").append(d.window().start()).append(" &ndash; ").append(d.window().end())
                    .append(", ").append(d.window().samples()).append(" samples</p>\n");
        }
        h.append("<p><span class=\"verdict v-").append(d.verdict().id()).append("\">")
                .append(d.verdict().id().toUpperCase(Locale.ROOT)).append("</span>");
        if (d.reason() != null) {
            h.append(" ").append(Html.escape(d.reason()));
        }
        h.append("</p>\n");

        for (Finding f : d.findings()) {
            h.append("<h2>").append(Html.escape(f.resource().id())).append(": <span class=\"sev-")
                    .append(f.severity().id()).append("\">").append(f.severity().id()).append("</span></h2>\n");
            h.append("<p>").append(Html.escape(Amounts.rate(f.growthPerMinute(), f.unit())))
                    .append(String.format(Locale.ROOT, ", confidence %.2f", f.confidence()));
            if (f.limit() != null) {
                h.append(", limit ").append(Html.escape(Amounts.amount(f.limit(), f.unit())));
            }
            if (f.timeToExhaustionSeconds() != null) {
                h.append(", exhausted in ").append(Html.escape(Amounts.duration(f.timeToExhaustionSeconds())));
            }
            h.append("</p>\n");
            Trend t = trends.remove(f.resource());
            if (t != null) {
                appendChart(h, t);
            }
            appendCulprits(h, f);
        }
        if (!trends.isEmpty()) {
            h.append("<h2>Other resources watched</h2>\n");
            for (Trend t : d.trends()) {
                if (trends.containsKey(t.resource())) {
                    h.append("<h3>").append(Html.escape(t.resource().id())).append(": ").append(Html.escape(t.decision()))
                            .append("</h3>\n");
                    appendChart(h, t);
                }
            }
        }
        appendCaptures(h, d);
        h.append("<script type=\"application/json\" id=\"diagnosis\">")
                .append(DiagnosisJson.write(d).replace("<", "\\u003c")).append("</script>\n");
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void appendChart(StringBuilder h, Trend t) {
        h.append(SvgChart.render(t));
        h.append("<p class=\"legend\"><span class=\"s\">&#9679; samples</span><span class=\"f\">- - fitted trend ")
                .append(Html.escape(Amounts.rate(t.slopePerMinute(), t.unit()))).append("</span>");
        if (t.reason() != null) {
            h.append(Html.escape(t.reason()));
        }
        h.append("</p>\n");
    }

    private static void appendCulprits(StringBuilder h, Finding f) {
        if (f.culprits().isEmpty()) {
            h.append("<p>No culprit could be named.</p>\n");
            return;
        }
        h.append("<table><tr><th>#</th><th>kind</th><th>name</th><th>growth</th><th>count</th><th>details</th></tr>\n");
        int rank = 1;
        for (Culprit c : f.culprits()) {
            h.append("<tr><td class=\"num\">").append(rank++).append("</td><td>").append(c.kind().id())
                    .append("</td><td><code>").append(Html.escape(c.name())).append("</code></td><td class=\"num\">");
            if (c.growth() != null) {
                h.append(Html.escape("+" + Amounts.amount(c.growth(), Amounts.growthUnit(c))));
            }
            if (c.instancesGrowth() != null) {
                h.append("<br>+").append(c.instancesGrowth()).append(" instances");
            }
            h.append("</td><td class=\"num\">").append(c.count() == null ? "" : c.count()).append("</td><td>");
            if (c.state() != null) {
                h.append(Html.escape(c.state())).append("<br>");
            }
            if (c.type() != null) {
                h.append(Html.escape(c.type())).append("<br>");
            }
            if (c.allocationSite() != null) {
                h.append("allocated at <code>").append(Html.escape(c.allocationSite())).append("</code><br>");
            }
            if (c.gcRootPath() != null && !c.gcRootPath().isEmpty()) {
                h.append("held by <code>").append(Html.escape(String.join(" → ", c.gcRootPath()))).append("</code><br>");
            }
            if (c.frames() != null) {
                for (String frame : c.frames()) {
                    h.append("<code>at ").append(Html.escape(frame)).append("</code><br>");
                }
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void appendCaptures(StringBuilder h, Diagnosis d) {
        h.append("<h2>Captures taken from the target</h2>\n");
        if (d.captures().isEmpty()) {
            h.append("<p>None: only passive readings were used.</p>\n");
            return;
        }
        h.append("<table><tr><th>at</th><th>kind</th><th>forced full GC</th><th>detail</th></tr>\n");
        for (Evidence e : d.captures()) {
            h.append("<tr><td>").append(e.at()).append("</td><td>").append(Html.escape(e.kind())).append("</td><td>")
                    .append(Boolean.TRUE.equals(e.forcedGc()) ? "yes" : "no").append("</td><td>")
                    .append(Html.escape(e.detail())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }
}
