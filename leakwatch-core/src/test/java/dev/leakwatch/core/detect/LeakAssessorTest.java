package dev.leakwatch.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.Finding;
import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.model.Severity;
import dev.leakwatch.core.model.Verdict;
import dev.leakwatch.core.series.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeakAssessorTest {
    private static final double MIB = 1024 * 1024;
    private static final OptionalDouble HEAP_256M = OptionalDouble.of(256 * MIB);
    private final LeakAssessor assessor = new LeakAssessor();

    @Test
    void heapTrendConfirmedByHistogramsIsALeakWithTheClassesAsCulprits() {
        List<Culprit> classes = List.of(Culprit.ofClass("com.example.MetricPoint", 2 * (long) MIB, 40_000));
        Assessment a = assessor.assessHeap(heap(afterGc(1.0, 120, 5, 42), classes),
                Optional.of(new HeapConfirmation(live(3, 100 * MIB, 1 * MIB), classes)));

        Finding f = a.finding().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.LEAK);
        assertThat(f.growthPerMinute()).isBetween(0.8 * MIB, 1.2 * MIB);
        assertThat(f.timeToExhaustionSeconds()).isNotNull().isPositive();
        assertThat(f.culprits()).extracting(Culprit::name).containsExactly("com.example.MetricPoint");
        assertThat(a.trend().decision()).isEqualTo("leak");
    }

    @Test
    void climbingAfterGcHeapWithoutGrowingClassesIsOnlySuspect() {
        // After-young-GC readings include promoted garbage; full-GC histograms show no class growing.
        Assessment a = assessor.assessHeap(heap(afterGc(1.0, 120, 5, 7), List.of()),
                Optional.of(new HeapConfirmation(live(3, 100 * MIB, 0), List.of())));

        assertThat(a.finding()).map(Finding::severity).contains(Severity.SUSPECT);
        assertThat(a.trend().reason()).contains("no class grew");
    }

    @Test
    void slowLeakUnderNoisySamplesIsConfirmedByFourOrMoreHistograms() {
        // 250 KB/min hidden in +/- 1 MiB jitter: the envelope may not be significant, five histograms are.
        List<Culprit> classes = List.of(Culprit.ofClass("com.example.SessionRecord", 1_100_000, 9_000));
        Assessment a = assessor.assessHeap(heap(noisy(250 * 1024 / MIB, 300, 5, 1.0, 3), classes),
                Optional.of(new HeapConfirmation(live(5, 80 * MIB, 275_000), classes)));

        assertThat(a.finding()).map(Finding::severity).contains(Severity.LEAK);
        assertThat(a.finding().orElseThrow().growthPerMinute()).isBetween(150_000.0, 400_000.0);
    }

    @Test
    void flatHeapIsNoLeakEvenIfAClassWobbledUpward() {
        List<Culprit> classes = List.of(Culprit.ofClass("com.example.Cache", 300_000, 10));
        Assessment a = assessor.assessHeap(heap(noisy(0, 120, 5, 0.5, 9), classes),
                Optional.of(new HeapConfirmation(live(3, 100 * MIB, 150_000), classes)));

        assertThat(a.finding()).map(Finding::severity).isNotEqualTo(Optional.of(Severity.LEAK));
    }

    @Test
    void tinyClassGrowthIsNotAConfirmation() {
        List<Culprit> classes = List.of(Culprit.ofClass("com.example.Tiny", 10_000, 10));
        Assessment a = assessor.assessHeap(heap(noisy(0, 300, 5, 0.5, 5), classes),
                Optional.of(new HeapConfirmation(live(5, 100 * MIB, 2_500), classes)));

        assertThat(a.finding()).isEmpty();
    }

    @Test
    void countsGoThroughTheTrendAlone() {
        List<Sample> threads = new ArrayList<>();
        for (int i = 0; i <= 24; i++) {
            threads.add(new Sample(i * 5_000L, 20 + i));
        }
        Assessment a = assessor.assess(new ResourceObservation(Resource.THREADS, threads, 0, OptionalDouble.empty(),
                List.of(Culprit.ofThreads("fetch-*", 24, 24, "WAITING", List.of("a.B.run(B.java:1)"))), List.of()));

        assertThat(a.finding()).map(Finding::severity).contains(Severity.LEAK);
        assertThat(a.finding().orElseThrow().growthPerMinute()).isEqualTo(12.0);
        assertThat(a.trend().series()).hasSize(25);
    }

    @Test
    void tooFewGcsToFitLeaveTheDecisionToHistogramsThatRiseAtEveryStep() {
        List<Sample> sparse = List.of(new Sample(0, 100 * MIB), new Sample(20_000, 110 * MIB), new Sample(40_000, 120 * MIB));
        List<Culprit> classes = List.of(Culprit.ofClass("com.example.MetricPoint", 20 * (long) MIB, 400_000));
        Assessment rising = assessor.assessHeap(heap(sparse, classes),
                Optional.of(new HeapConfirmation(live(3, 100 * MIB, 10 * MIB), classes)));
        assertThat(rising.finding()).map(Finding::severity).contains(Severity.LEAK);

        List<Sample> wobbly = List.of(new Sample(12_000, 100 * MIB), new Sample(72_000, 119 * MIB), new Sample(132_000, 120 * MIB));
        Assessment flatLastStep = assessor.assessHeap(heap(sparse, classes), Optional.of(new HeapConfirmation(wobbly, classes)));
        assertThat(flatLastStep.finding()).map(Finding::severity).contains(Severity.SUSPECT);
    }

    @Test
    void downgradeTurnsALeakIntoASuspectAndSaysWhy() {
        List<Sample> threads = new ArrayList<>();
        for (int i = 0; i <= 24; i++) {
            threads.add(new Sample(i * 5_000L, 20 + i));
        }
        Assessment leak = assessor.assess(new ResourceObservation(Resource.THREADS, threads, 0, OptionalDouble.empty(),
                List.of(), List.of()));
        Assessment lowered = LeakAssessor.downgrade(leak, "only an upper bound");

        assertThat(lowered.finding()).map(Finding::severity).contains(Severity.SUSPECT);
        assertThat(lowered.trend().decision()).isEqualTo("suspect");
        assertThat(lowered.trend().reason()).endsWith("; only an upper bound");
        assertThat(LeakAssessor.downgrade(lowered, "again")).isSameAs(lowered);
    }

    @Test
    void verdictIsLeakOnlyWhenSomeFindingIsALeak() {
        Finding suspect = new Finding(Resource.FDS, Severity.SUSPECT, 1, Resource.FDS.unit(), 0.9, null, null, null, null);
        Finding leak = new Finding(Resource.HEAP, Severity.LEAK, 1, Resource.HEAP.unit(), 0.99, null, null, null, null);
        assertThat(LeakAssessor.verdict(List.of())).isEqualTo(Verdict.NO_LEAK);
        assertThat(LeakAssessor.verdict(List.of(suspect))).isEqualTo(Verdict.NO_LEAK);
        assertThat(LeakAssessor.verdict(List.of(suspect, leak))).isEqualTo(Verdict.LEAK);
    }

    @Test
    void heapAssessmentRefusesOtherResources() {
        assertThatThrownBy(() -> assessor.assessHeap(new ResourceObservation(Resource.FDS, List.of(), 0,
                OptionalDouble.empty(), List.of(), List.of()), Optional.empty())).hasMessageContaining("fds");
    }

    private static ResourceObservation heap(List<Sample> readings, List<Culprit> culprits) {
        return new ResourceObservation(Resource.HEAP, readings, 5_000, HEAP_256M, culprits, List.of());
    }

    /** Several after-GC readings per interval, rising at the given MiB/min, with young-GC noise above the floor. */
    private static List<Sample> afterGc(double mibPerMinute, int seconds, int interval, long seed) {
        Random random = new Random(seed);
        List<Sample> out = new ArrayList<>();
        for (long t = 0; t <= seconds * 1000L; t += 1000) {
            double floor = 100 * MIB + mibPerMinute * MIB * t / 60_000.0;
            out.add(new Sample(t, floor + random.nextDouble() * 2 * MIB));
        }
        return out;
    }

    private static List<Sample> noisy(double mibPerMinute, int seconds, int interval, double jitterMib, long seed) {
        Random random = new Random(seed);
        List<Sample> out = new ArrayList<>();
        for (long t = 0; t <= seconds * 1000L; t += interval * 1000L) {
            out.add(new Sample(t, 100 * MIB + mibPerMinute * MIB * t / 60_000.0 + (random.nextDouble() * 2 - 1) * jitterMib * MIB));
        }
        return out;
    }

    private static List<Sample> live(int histograms, double first, double step) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < histograms; i++) {
            out.add(new Sample(12_000L + i * 60_000L, first + i * step));
        }
        return out;
    }
}
