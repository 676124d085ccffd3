package dev.leakwatch.jvm.diagnose;

import dev.leakwatch.core.detect.Assessment;
import dev.leakwatch.core.detect.HeapConfirmation;
import dev.leakwatch.core.detect.LeakAssessor;
import dev.leakwatch.core.detect.ResourceObservation;
import dev.leakwatch.core.fd.FdGrowth;
import dev.leakwatch.core.heap.HistogramSeries;
import dev.leakwatch.core.heap.JavaNames;
import dev.leakwatch.core.heap.TimedHistogram;
import dev.leakwatch.core.metaspace.ClassLoaderStatsSeries;
import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.Evidence;
import dev.leakwatch.core.model.Finding;
import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.model.Severity;
import dev.leakwatch.core.model.Target;
import dev.leakwatch.core.model.Trend;
import dev.leakwatch.core.model.Verdict;
import dev.leakwatch.core.model.Window;
import dev.leakwatch.core.series.Sample;
import dev.leakwatch.core.threads.ThreadGrowth;
import dev.leakwatch.jvm.attach.JvmLimits;
import dev.leakwatch.jvm.jfr.OldObjectAnalysis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Turns one window's observations into the diagnosis document. */
final class DiagnosisAssembler {
    /** Culprits listed per finding. */
    static final int MAX_CULPRITS = 5;
    /** Growing classes considered before ranking (application classes first). */
    private static final int MAX_CLASSES = 20;

    private final TargetFacts facts;
    private final Observations obs;
    private final LeakAssessor assessor = new LeakAssessor();
    private final long bucketMillis;

    DiagnosisAssembler(TargetFacts facts, Observations obs, long intervalMillis) {
        this.facts = facts;
        this.obs = obs;
        this.bucketMillis = intervalMillis;
    }

    Diagnosis assemble() {
        List<Assessment> assessments = new ArrayList<>();
        boolean jvmRead = facts.limits != null;
        if (jvmRead) {
            assessments.add(heap());
            assessments.add(assessor.assess(observation(Resource.METASPACE, obs.metaspace, 0,
                    facts.limits.metaspaceLimited() ? OptionalDouble.of(facts.limits.maxMetaspaceBytes()) : OptionalDouble.empty(),
                    new ClassLoaderStatsSeries(obs.loaderStats).growingLoaderTypes(MAX_CULPRITS), evidence("class-loader-stats"))));
            assessments.add(assessor.assess(observation(Resource.DIRECT_MEMORY, obs.direct, 0,
                    positive(facts.limits.maxDirectMemoryBytes()), directCulprits(), List.of())));
            assessments.add(assessor.assess(observation(Resource.NATIVE, obs.nativeBeyondHeap, bucketMillis,
                    asDouble(facts.cgroupMemoryLimit), List.of(), List.of())));
        } else {
            assessments.add(assessor.assess(observation(Resource.NATIVE, obs.rss, bucketMillis,
                    asDouble(facts.cgroupMemoryLimit), List.of(), List.of())));
        }
        assessments.add(assessor.assess(observation(Resource.THREADS, obs.threads, 0, OptionalDouble.empty(),
                ThreadGrowth.culprits(obs.threadGroups), evidence("thread-dump"))));
        assessments.add(assessor.assess(observation(Resource.FDS, obs.fds, 2 * bucketMillis, asDouble(facts.maxOpenFiles),
                FdGrowth.culprits(obs.fdGroups), List.of())));

        List<Finding> findings = new ArrayList<>();
        List<Trend> trends = new ArrayList<>();
        for (Assessment a : assessments) {
            trends.add(a.trend());
            a.finding().ifPresent(findings::add);
        }
        findings.sort(Comparator.comparing((Finding f) -> f.severity() == Severity.LEAK ? 0 : 1));

        Verdict verdict = LeakAssessor.verdict(findings);
        List<String> reasons = new ArrayList<>();
        if (obs.exited) {
            verdict = Verdict.INCONCLUSIVE;
            reasons.add("process exited after " + facts.exitedAfter.toSeconds() + " s; the findings cover what was seen");
        } else if (obs.rounds < 4) {
            verdict = Verdict.INCONCLUSIVE;
            reasons.add("only " + obs.rounds + " sampling rounds completed");
        }
        if (facts.attachRefused != null) {
            reasons.add(facts.attachRefused);
        }
        if (facts.notJvm) {
            reasons.add("not a HotSpot JVM: resources seen through /proc only (RSS as native, threads, fds)");
        }
        reasons.addAll(obs.problems);
        String reason = reasons.isEmpty() ? null : String.join("; ", reasons);
        return new Diagnosis(Diagnosis.SCHEMA, new Target(facts.pid, facts.command, facts.jvmVersion),
                new Window(obs.start, obs.end, obs.rounds), verdict, reason, findings, obs.captures, trends);
    }

    private Assessment heap() {
        JvmLimits limits = facts.limits;
        HistogramSeries series = new HistogramSeries(obs.histograms);
        List<Culprit> classes = rankClasses(series.growingClasses(MAX_CLASSES));
        Optional<OldObjectAnalysis> samples = facts.oldObjects == null ? Optional.empty() : facts.oldObjects;
        List<Culprit> named = new ArrayList<>();
        for (Culprit c : classes.subList(0, Math.min(MAX_CULPRITS, classes.size()))) {
            named.add(samples.map(s -> s.attribute(c)).orElse(c));
        }
        Optional<HeapConfirmation> confirmation = Optional.empty();
        if (!obs.histograms.isEmpty()) {
            List<Sample> live = new ArrayList<>();
            for (TimedHistogram h : obs.histograms) {
                live.add(new Sample(h.timeMillis(), h.histogram().totalBytes()));
            }
            confirmation = Optional.of(new HeapConfirmation(live, classes));
        }
        return assessor.assessHeap(observation(Resource.HEAP, obs.heapAfterGc, bucketMillis,
                positive(limits.maxHeapBytes()), named, evidence("class-histogram", "jfr-old-objects")), confirmation);
    }

    /**
     * Application classes first, then JDK types (byte[], HashMap$Node, ...): a JDK type grows
     * because an application object holds it, and the application class is what to fix. Within
     * each group, most growth first.
     */
    static List<Culprit> rankClasses(List<Culprit> growing) {
        List<Culprit> ranked = new ArrayList<>(growing);
        ranked.sort(Comparator.comparing((Culprit c) -> JavaNames.isJdkType(c.name()) ? 1 : 0)
                .thenComparing(Comparator.comparingLong((Culprit c) -> c.growth() == null ? 0 : c.growth()).reversed()));
        return ranked;
    }

    /** Direct buffers are small heap objects: old-object samples name where they are allocated and who holds them. */
    private List<Culprit> directCulprits() {
        if (facts.oldObjects == null || facts.oldObjects.isEmpty()) {
            return List.of();
        }
        Culprit buffer = Culprit.ofClass("java.nio.DirectByteBuffer", 0, 0);
        Culprit attributed = facts.oldObjects.get().attribute(buffer);
        if (attributed.allocationSite() == null && attributed.gcRootPath() == null) {
            return List.of();
        }
        return List.of(new Culprit(attributed.kind(), attributed.name(), null, null, attributed.allocationSite(),
                attributed.gcRootPath(), null, null, null, null));
    }

    private List<Evidence> evidence(String... kinds) {
        List<Evidence> out = new ArrayList<>();
        for (Evidence e : obs.captures) {
            for (String k : kinds) {
                if (e.kind().equals(k)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static ResourceObservation observation(Resource r, List<Sample> readings, long bucket, OptionalDouble limit,
            List<Culprit> culprits, List<Evidence> evidence) {
        List<Sample> sorted = new ArrayList<>(readings);
        sorted.sort(Comparator.comparingLong(Sample::timeMillis));
        return new ResourceObservation(r, sorted, bucket, limit, culprits, evidence);
    }

    private static OptionalDouble positive(long v) {
        return v > 0 ? OptionalDouble.of(v) : OptionalDouble.empty();
    }

    private static OptionalDouble asDouble(OptionalLong v) {
        return v.isPresent() ? OptionalDouble.of(v.getAsLong()) : OptionalDouble.empty();
    }
}
