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
import dev.leakwatch.core.trend.TrendSettings;
import dev.leakwatch.jvm.attach.JvmLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** Turns one window's observations into the diagnosis document. */
final class DiagnosisAssembler {
    /** Culprits listed per finding. */
    static final int MAX_CULPRITS = 5;
    /** Growing classes considered for heap culprits before ranking (application classes first). */
    private static final int MAX_CLASSES = 20;
    /** Growing classes searched for native-memory holders, which are small and rank low by bytes. */
    private static final int MAX_CLASSES_SEARCHED = 2_000;
    private static final Pattern NATIVE_HOLDER = Pattern.compile(
            "^(java\\.util\\.zip\\.(Deflater|Inflater|ZipFile)|java\\.lang\\.Thread$|sun\\.nio\\.ch\\.|java\\.nio\\.MappedByteBuffer"
            + "|java\\.nio\\.DirectByteBuffer|jdk\\.internal\\.ref\\.CleanerImpl\\$PhantomCleanableRef)");

    /**
     * A JVM's native growth with no growing native-memory holder in the histograms is only a
     * suspect in windows shorter than this: JIT and allocator arenas grow for minutes.
     */
    static final Duration UNCONFIRMED_NATIVE_WINDOW = Duration.ofMinutes(5);

    private static final LeakAssessor NON_JVM_ASSESSOR = new LeakAssessor(TrendSettings::nonJvmDefaultsFor);

    /** A process younger than this at the start of the window may still be warming up. */
    static final Duration YOUNG = Duration.ofSeconds(60);

    private final TargetFacts facts;
    private final Observations obs;
    private final LeakAssessor assessor = new LeakAssessor();
    private final long bucketMillis;
    /** Classes that grew across every histogram, most growth first. */
    private final List<Culprit> growingClasses;

    DiagnosisAssembler(TargetFacts facts, Observations obs, long intervalMillis) {
        this.facts = facts;
        this.obs = obs;
        this.bucketMillis = intervalMillis;
        this.growingClasses = new HistogramSeries(obs.histograms).growingClasses(MAX_CLASSES_SEARCHED);
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
            if (!obs.nativeBeyondHeap.isEmpty()) {
                List<Sample> nativeMemory = CaptureSteps.remove(obs.nativeBeyondHeap, captureTimes());
                List<Culprit> holders = nativeHolders();
                Assessment a = assessor.assess(observation(Resource.NATIVE, nativeMemory, bucketMillis,
                        asDouble(facts.cgroupMemoryLimit), holders, evidence("class-histogram")));
                assessments.add(holders.isEmpty() && windowMillis() < UNCONFIRMED_NATIVE_WINDOW.toMillis()
                        ? LeakAssessor.downgrade(a, "no growing holder of native memory in the histograms, and a JVM's "
                                + "memory outside the heap climbs for minutes while it compiles and fills allocator arenas; "
                                + "watch " + UNCONFIRMED_NATIVE_WINDOW.toMinutes() + " min or more to call it a leak")
                        : a);
            }
        } else if (facts.notJvm) {
            assessments.add(NON_JVM_ASSESSOR.assess(observation(Resource.NATIVE, obs.rss, bucketMillis,
                    asDouble(facts.cgroupMemoryLimit), List.of(), List.of())));
        }
        assessments.add(assessor.assess(observation(Resource.THREADS, obs.threads, 0, OptionalDouble.empty(),
                ThreadGrowth.culprits(obs.threadGroups), evidence("thread-dump"))));
        assessments.add(assessor.assess(observation(Resource.FDS, obs.fds, 0, asDouble(facts.maxOpenFiles),
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
        if (facts.ageAtStart.compareTo(YOUNG) < 0) {
            reasons.add("the process had run only " + facts.ageAtStart.toSeconds() + " s when the window began: start-up growth "
                    + "(JIT code, class loading, heap and buffers touched for the first time) can look like a leak; "
                    + "diagnose a warmed-up process for a firmer verdict");
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
        List<Culprit> classes = rankClasses(growingClasses.subList(0, Math.min(MAX_CLASSES, growingClasses.size())));
        List<Culprit> named = new ArrayList<>();
        for (Culprit c : classes.subList(0, Math.min(MAX_CULPRITS, classes.size()))) {
            named.add(attribute(c));
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

    /**
     * Native memory is freed when a small Java object that owns it is: a Deflater or Inflater
     * (zlib), a ZipFile, an NIO channel or selector, a Thread (its stack). When such classes grow
     * across the histograms they are the likely holders of growing native memory.
     */
    private List<Culprit> nativeHolders() {
        List<Culprit> holders = new ArrayList<>();
        for (Culprit c : growingClasses) {
            if (NATIVE_HOLDER.matcher(c.name()).find()) {
                holders.add(attribute(c));
            }
            if (holders.size() == MAX_CULPRITS) {
                break;
            }
        }
        return holders;
    }

    private Culprit attribute(Culprit c) {
        return facts.oldObjects == null ? c : facts.oldObjects.map(s -> s.attribute(c)).orElse(c);
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

    private long windowMillis() {
        return obs.start == null || obs.end == null ? 0 : Duration.between(obs.start, obs.end).toMillis();
    }

    /** When each capture that can leave memory behind in the target (a forced full GC) happened. */
    private List<Long> captureTimes() {
        List<Long> times = new ArrayList<>();
        for (Evidence e : obs.captures) {
            if (Boolean.TRUE.equals(e.forcedGc())) {
                times.add(e.at().toEpochMilli());
            }
        }
        return times;
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
