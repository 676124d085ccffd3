package dev.leakwatch.bench.eval;

import dev.leakwatch.fixtures.FixtureCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a diagnosis of a fixture is right, and where it ranked each expected culprit.
 *
 * <p>Rules: a leaking fixture is diagnosed correctly when the verdict is {@code leak} and every
 * expected resource has a finding of severity {@code leak}; a benign one when the verdict is
 * {@code no-leak} ({@code inconclusive} is not a false alarm, but not a right answer either). A
 * culprit is named when one of the first {@link #TOP} culprits of that resource's finding mentions
 * the expected substring in its name, allocation site, GC-root path or frames.
 *
 * @param correct  the verdict and resources are right
 * @param culprits one per expectation, in catalogue order
 */
record Judgement(boolean correct, List<CulpritRank> culprits) {
    /** How many culprits from the top count as naming the culprit. */
    static final int TOP = 3;

    Judgement {
        culprits = List.copyOf(culprits);
    }

    /**
     * Where the expected culprit of one resource ranked.
     *
     * @param resource        the expected resource
     * @param expected        the culprit substring, null when none is expected
     * @param findingPresent  the diagnosis has a finding for the resource
     * @param rank            1-based rank of the first culprit mentioning it, 0 if none does
     */
    record CulpritRank(String resource, String expected, boolean findingPresent, int rank) {
        boolean named() {
            return rank >= 1 && rank <= TOP;
        }
    }

    static Judgement of(FixtureCatalogue.Entry entry, Map<String, String> fixtureInfo, DiagnosisReading diagnosis) {
        List<CulpritRank> ranks = new ArrayList<>();
        boolean allFound = true;
        for (FixtureCatalogue.Expectation expectation : entry.expected()) {
            DiagnosisReading.Finding finding = diagnosis.finding(expectation.resource());
            allFound &= finding != null && finding.severity().equals("leak");
            String culprit = expectation.culpritFor(fixtureInfo).orElse(null);
            ranks.add(new CulpritRank(expectation.resource(), culprit, finding != null, rank(finding, culprit)));
        }
        boolean correct = entry.leaks()
                ? diagnosis.verdict().equals("leak") && allFound
                : diagnosis.verdict().equals("no-leak");
        return new Judgement(correct, ranks);
    }

    private static int rank(DiagnosisReading.Finding finding, String culprit) {
        if (finding == null || culprit == null) {
            return 0;
        }
        for (int i = 0; i < finding.culprits().size(); i++) {
            if (finding.culprits().get(i).mentions(culprit)) {
                return i + 1;
            }
        }
        return 0;
    }
}
