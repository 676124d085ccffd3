package dev.leakwatch.agent.watch;

import dev.leakwatch.core.detect.LeakAssessor;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.Evidence;
import dev.leakwatch.core.model.Finding;
import dev.leakwatch.core.model.Severity;
import dev.leakwatch.core.model.Target;
import dev.leakwatch.core.model.Trend;
import dev.leakwatch.core.model.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A process's current conclusion as a {@code leakwatch.diagnosis/v1} document: the findings of
 * its flagged resources (captured ones carry culprits and evidence), every trend, and the
 * captures taken. A diagnosis without findings means nothing grows now.
 */
final class FindingsDocument {
    private FindingsDocument() {}

    static Diagnosis of(ProcessWatch w, Instant windowStart, Instant now) {
        List<Finding> findings = new ArrayList<>();
        List<Trend> trends = new ArrayList<>();
        int samples = 0;
        for (ResourceTracker t : w.trackers.values()) {
            t.finding().ifPresent(findings::add);
            if (t.trend().isPresent()) {
                trends.add(t.trend().get());
                samples = Math.max(samples, t.trend().get().series().size());
            }
        }
        findings.sort(Comparator.comparing((Finding f) -> f.severity() == Severity.LEAK ? 0 : 1));
        Target target = w.captured.map(Diagnosis::target)
                .orElse(new Target(w.process.pid(), w.process.name(), null));
        List<Evidence> captures = w.captured.map(Diagnosis::captures).orElse(List.of());
        return new Diagnosis(Diagnosis.SCHEMA, target, new Window(windowStart, now, samples),
                LeakAssessor.verdict(findings), reason(w, findings), findings, captures, trends);
    }

    private static String reason(ProcessWatch w, List<Finding> findings) {
        if (findings.isEmpty() || w.captured.isPresent()) {
            return w.captured.map(Diagnosis::reason).orElse(null);
        }
        if (w.self) {
            return "the agent watching itself: trend only (a JVM cannot attach to itself for evidence)";
        }
        if (w.captureFailure != null) {
            return "trend only: the evidence capture failed (" + w.captureFailure + ")";
        }
        return "trend only: no evidence captured yet";
    }
}
