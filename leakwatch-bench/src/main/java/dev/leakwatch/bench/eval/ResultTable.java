package dev.leakwatch.bench.eval;

import dev.leakwatch.fixtures.FixtureCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders evaluation results as a Markdown table with a summary and notes. */
final class ResultTable {
    private static final long MIB = 1024 * 1024;

    private ResultTable() {}

    static String markdown(List<FixtureResult> results) {
        List<String> lines = new ArrayList<>();
        lines.add("| fixture | expected | verdict | correct | culprit named (rank) | time to verdict | full GCs induced | diagnose max RSS |");
        lines.add("|---|---|---|---|---|---|---|---|");
        for (FixtureResult r : results) {
            lines.add("| " + String.join(" | ",
                    r.entry().name(),
                    expected(r.entry()),
                    r.verdict(),
                    r.correct() ? "yes" : "**no**",
                    culprits(r),
                    String.format(Locale.ROOT, "%.1f s", r.timeToVerdict().toMillis() / 1000.0),
                    r.fullGcs() == null ? "n/a" : Long.toString(r.fullGcs()),
                    r.maxRssBytes() == null ? "n/a" : (r.maxRssBytes() + MIB / 2) / MIB + " MB") + " |");
        }
        lines.add("");
        lines.add(summary(results));
        List<String> notes = results.stream()
                .filter(r -> r.note() != null)
                .map(r -> "- " + r.entry().name() + ": " + r.note())
                .toList();
        if (!notes.isEmpty()) {
            lines.add("");
            lines.add("Notes:");
            lines.addAll(notes);
        }
        return String.join("\n", lines) + "\n";
    }

    static String expected(FixtureCatalogue.Entry entry) {
        if (!entry.leaks()) {
            return "no leak";
        }
        return "leak: " + entry.expected().stream()
                .map(e -> e.culprit() == null ? e.resource() : e.resource() + " (" + cell(e.culprit()) + ")")
                .collect(Collectors.joining("; "));
    }

    private static String culprits(FixtureResult r) {
        List<Judgement.CulpritRank> ranks = r.culprits().stream().filter(c -> c.expected() != null).toList();
        if (!r.entry().leaks() || r.judgement() == null || ranks.isEmpty()) {
            return "n/a";
        }
        boolean prefix = ranks.size() > 1 || r.entry().expected().size() > 1;
        return ranks.stream()
                .map(c -> (prefix ? c.resource() + ": " : "") + rank(c))
                .collect(Collectors.joining("; "));
    }

    private static String rank(Judgement.CulpritRank c) {
        if (!c.findingPresent()) {
            return "no (no " + c.resource() + " finding)";
        }
        if (c.rank() == 0) {
            return "no (not listed)";
        }
        return (c.named() ? "yes" : "no") + " (#" + c.rank() + ")";
    }

    private static String summary(List<FixtureResult> results) {
        long correct = results.stream().filter(FixtureResult::correct).count();
        List<Judgement.CulpritRank> expectedCulprits = results.stream()
                .filter(r -> r.entry().leaks())
                .flatMap(r -> r.entry().expected().stream()
                        .filter(e -> e.culprit() != null)
                        .map(e -> r.culprits().stream()
                                .filter(c -> c.resource().equals(e.resource()))
                                .findFirst()
                                .orElse(new Judgement.CulpritRank(e.resource(), e.culprit(), false, 0))))
                .toList();
        long named = expectedCulprits.stream().filter(Judgement.CulpritRank::named).count();
        long falseAlarms = results.stream().filter(r -> !r.entry().leaks() && r.verdict().equals("leak")).count();
        long fullGcs = results.stream().filter(r -> r.fullGcs() != null).mapToLong(FixtureResult::fullGcs).sum();
        String maxRss = results.stream().filter(r -> r.maxRssBytes() != null).mapToLong(FixtureResult::maxRssBytes).max()
                .stream().mapToObj(b -> (b + MIB / 2) / MIB + " MB").findFirst().orElse("n/a");
        return String.format(Locale.ROOT,
                "Correct: %d/%d. Culprit in the top %d: %d/%d. False alarms on benign fixtures: %d. "
                        + "Full GCs induced: %d in total. Largest diagnose RSS: %s.",
                correct, results.size(), Judgement.TOP, named, expectedCulprits.size(), falseAlarms, fullGcs, maxRss);
    }

    /** Keeps a value from breaking the table. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
