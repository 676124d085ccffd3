package dev.leakwatch.jvm.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.DiagnosisJson;
import dev.leakwatch.core.model.Evidence;
import dev.leakwatch.core.model.Finding;
import dev.leakwatch.core.model.Severity;
import dev.leakwatch.core.model.Verdict;
import dev.leakwatch.fixtures.FixtureCatalogue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Real leaking and benign processes, diagnosed by the engine over a short window with fast-leaking
 * settings: each leak is found with its culprit in the top three, and nothing benign is flagged.
 * Full-length windows at realistic rates are the evaluation driver's job ({@code bench/evaluate}).
 */
class LeakDetectionIT {

    @Test
    void heapAndMemoryLeaksAreFoundWithTheirCulprits() throws Exception {
        assertLeaks(List.of("HeapLeakService", "ContainerLeakService", "MetaspaceLeakService", "DirectMemoryLeakService",
                "NativeDeflaterLeakService"),
                List.of("HeapLeakService", "MetaspaceLeakService"));
    }

    @Test
    void threadFdSocketAndNativeLeaksAreFoundWithTheirCulprits() throws Exception {
        assertLeaks(List.of("ThreadLeakService", "FdLeakService", "SocketLeakService", "NativeLeak"),
                List.of("ThreadLeakService"));
    }

    @Test
    void benignPatternsAreNotCalledLeaks() throws Exception {
        List<String> benign = List.of("WarmupThenPlateau", "SawtoothCache", "PeriodicBatch", "BoundedThreadPool",
                "FdChurn", "BoundedConnectionPool");
        Map<String, FixtureDiagnoses.Result> results =
                FixtureDiagnoses.diagnoseConcurrently(benign, List.of("SawtoothCache", "FdChurn"), Duration.ofSeconds(75));
        SoftAssertions soft = new SoftAssertions();
        for (String name : benign) {
            Diagnosis d = results.get(name).diagnosis();
            soft.assertThat(d.verdict()).as("%s: %s", name, summary(d)).isEqualTo(Verdict.NO_LEAK);
        }
        soft.assertAll();
    }

    private static void assertLeaks(List<String> fixtures, List<String> onNewestJdk) throws Exception {
        Map<String, FixtureDiagnoses.Result> results =
                FixtureDiagnoses.diagnoseConcurrently(fixtures, onNewestJdk, Duration.ofSeconds(15));
        SoftAssertions soft = new SoftAssertions();
        for (String name : fixtures) {
            FixtureDiagnoses.Result r = results.get(name);
            Diagnosis d = r.diagnosis();
            String resource = FixtureCatalogue.byName(name).expectedResource().orElseThrow();
            soft.assertThat(d.verdict()).as("%s verdict: %s", name, summary(d)).isEqualTo(Verdict.LEAK);
            Finding finding = d.findings().stream().filter(f -> f.resource().id().equals(resource)).findFirst().orElse(null);
            soft.assertThat(finding).as("%s has a %s finding: %s", name, resource, summary(d)).isNotNull();
            if (finding == null) {
                continue;
            }
            soft.assertThat(finding.severity()).as("%s severity", name).isEqualTo(Severity.LEAK);
            soft.assertThat(finding.growthPerMinute()).as("%s growth", name).isPositive();
            r.expectedCulprit().ifPresent(expected -> soft.assertThat(FixtureDiagnoses.culpritRank(finding, expected))
                    .as("%s: rank of culprit '%s' in %s", name, expected, DiagnosisJson.write(finding.culprits()))
                    .isBetween(1, 3));
            long forcedGcs = d.captures().stream().filter(e -> Boolean.TRUE.equals(e.forcedGc())).count();
            soft.assertThat(forcedGcs).as("%s forced full GCs", name).isLessThanOrEqualTo(3);
        }
        soft.assertAll();
    }

    private static String summary(Diagnosis d) {
        StringBuilder s = new StringBuilder(d.verdict().id());
        if (d.reason() != null) {
            s.append(" (").append(d.reason()).append(')');
        }
        d.trends().forEach(t -> s.append("; ").append(t.resource().id()).append(' ').append(t.decision()).append(": ")
                .append(t.reason()));
        for (Evidence e : d.captures()) {
            if (e.detail() != null && e.kind().equals("class-histogram")) {
                s.append("; histogram ").append(e.detail());
            }
        }
        return s.toString();
    }
}
