package dev.leakwatch.core.report;

import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.Evidence;
import dev.leakwatch.core.model.Finding;
import dev.leakwatch.core.model.Trend;
import java.time.Duration;
import java.util.Locale;

/** Renders a diagnosis for a person reading a terminal: verdict first, then each resource, culprits, captures. */
public final class TextReport {
    private TextReport() {}

    public static String render(Diagnosis d) {
        StringBuilder out = new StringBuilder();
        out.append("leakwatch diagnosis of pid ").append(d.target().pid());
        if (d.target().jvm() != null) {
            out.append(" (JVM ").append(d.target().jvm()).append(')');
        }
        out.append('\n');
        out.append("  command: ").append(d.target().command()).append('\n');
        if (d.window() != null && d.window().start() != null && d.window().end() != null) {
            long secs = Duration.between(d.window().start(), d.window().end()).toSeconds();
            out.append("  window:  ").append(d.window().start()).append(" .. ").append(d.window().end())
                    .append(" (").append(secs).append(" s, ").append(d.window().samples()).append(" samples)\n");
        }
        out.append("\nverdict: ").append(d.verdict().id().toUpperCase(Locale.ROOT)).append('\n');
        if (d.reason() != null) {
            out.append("  ").append(d.reason()).append('\n');
        }
        for (Finding f : d.findings()) {
            appendFinding(out, f);
        }
        if (!d.trends().isEmpty()) {
            out.append("\nresources watched:\n");
            for (Trend t : d.trends()) {
                out.append(String.format(Locale.ROOT, "  %-14s %-16s %-18s %s%n", t.resource().id(),
                        t.decision(), Amounts.rate(t.slopePerMinute(), t.unit()),
                        t.reason() == null ? "" : t.reason()));
            }
        }
        appendCaptures(out, d);
        return out.toString();
    }

    private static void appendFinding(StringBuilder out, Finding f) {
        out.append('\n').append(f.resource().id()).append(": ").append(f.severity().id().toUpperCase(Locale.ROOT))
                .append("  ").append(Amounts.rate(f.growthPerMinute(), f.unit()))
                .append(String.format(Locale.ROOT, "  confidence %.2f", f.confidence()));
        if (f.limit() != null) {
            out.append("  limit ").append(Amounts.amount(f.limit(), f.unit()));
        }
        if (f.timeToExhaustionSeconds() != null) {
            out.append("  exhausted in ").append(Amounts.duration(f.timeToExhaustionSeconds()));
        }
        out.append('\n');
        int rank = 1;
        for (Culprit c : f.culprits()) {
            out.append("  ").append(rank++).append(". ").append(c.kind().id()).append(' ').append(c.name());
            if (c.growth() != null) {
                out.append("  +").append(Amounts.amount(c.growth(), Amounts.growthUnit(c)));
            }
            if (c.instancesGrowth() != null) {
                out.append(" (+").append(c.instancesGrowth()).append(" instances)");
            }
            if (c.count() != null) {
                out.append("  count ").append(c.count());
            }
            if (c.state() != null) {
                out.append("  ").append(c.state());
            }
            if (c.type() != null) {
                out.append("  [").append(c.type()).append(']');
            }
            out.append('\n');
            if (c.allocationSite() != null) {
                out.append("       allocated at ").append(c.allocationSite()).append('\n');
            }
            if (c.gcRootPath() != null && !c.gcRootPath().isEmpty()) {
                out.append("       held by ").append(String.join(" -> ", c.gcRootPath())).append('\n');
            }
            if (c.frames() != null) {
                for (String frame : c.frames()) {
                    out.append("       at ").append(frame).append('\n');
                }
            }
        }
    }

    private static void appendCaptures(StringBuilder out, Diagnosis d) {
        if (d.captures().isEmpty()) {
            return;
        }
        int forcedGcs = 0;
        for (Evidence e : d.captures()) {
            if (Boolean.TRUE.equals(e.forcedGc())) {
                forcedGcs++;
            }
        }
        out.append("\ncaptures taken from the target (").append(forcedGcs).append(" forced full GC")
                .append(forcedGcs == 1 ? "" : "s").append("):\n");
        for (Evidence e : d.captures()) {
            out.append("  ").append(e.at()).append("  ").append(e.kind());
            if (Boolean.TRUE.equals(e.forcedGc())) {
                out.append("  (forced a full GC)");
            }
            if (e.detail() != null) {
                out.append("  ").append(e.detail());
            }
            out.append('\n');
        }
    }
}
