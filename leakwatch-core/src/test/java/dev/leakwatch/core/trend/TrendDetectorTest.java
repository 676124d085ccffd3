package dev.leakwatch.core.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.series.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class TrendDetectorTest {

    private static final long T0 = 1_767_225_600_000L;
    private static final double MIB = 1024 * 1024;
    private static final OptionalDouble HEAP_LIMIT = OptionalDouble.of(256 * MIB);
    private static final OptionalDouble NO_LIMIT = OptionalDouble.empty();

    private final TrendDetector heap = new TrendDetector(TrendSettings.defaultsFor(Resource.HEAP));
    private final TrendDetector threads = new TrendDetector(TrendSettings.defaultsFor(Resource.THREADS));

    @Test
    void tooFewSamplesIsAnExplicitAnswerNotAGuess() {
        TrendDecision d = heap.evaluate(every5s(7, i -> 100 * MIB + i * MIB), HEAP_LIMIT);

        assertThat(d.decision()).isEqualTo(Decision.NOT_ENOUGH_DATA);
        assertThat(d.reason()).isEqualTo("only 7 samples, at least 8 needed");
        assertThat(d.samplesUsed()).isEqualTo(7);
        assertThat(d.slopePerMinute()).isZero();
        assertThat(d.confidence()).isZero();
        assertThat(d.timeToExhaustionSeconds()).isEmpty();
        assertThat(heap.evaluate(List.of(), HEAP_LIMIT).firstTimeMillis()).isZero();
    }

    @Test
    void warmUpIsExcludedBeforeCounting() {
        TrendDetector halfWarmup = new TrendDetector(TrendSettings.defaultsFor(Resource.HEAP).withWarmupFraction(0.5));

        TrendDecision d = halfWarmup.evaluate(every5s(12, i -> 100 * MIB + i * MIB), HEAP_LIMIT);

        assertThat(d.decision()).isEqualTo(Decision.NOT_ENOUGH_DATA);
        assertThat(d.samplesUsed()).isEqualTo(6);
        assertThat(d.firstTimeMillis()).isEqualTo(T0 + 30_000);
        assertThat(d.reason()).contains("6 samples", "28 s as warm-up");
    }

    @Test
    void warmUpStepIsNotALeak() {
        // Attaching to the process allocated 30 MiB in the first seconds; nothing grows after.
        TrendDecision d = heap.evaluate(every5s(24, i -> i < 2 ? 70 * MIB : 100 * MIB), HEAP_LIMIT);

        assertThat(d.decision()).isEqualTo(Decision.NO_LEAK);
        assertThat(d.samplesUsed()).isEqualTo(22);
    }

    @Test
    void cleanLeakIsMeasuredExactly() {
        // 100 MiB growing 2 MiB/min, read every 5 s for 2 minutes; warm-up drops t = 0 and 5 s.
        TrendDecision d = heap.evaluate(every5s(24, i -> 100 * MIB + 2 * MIB * i * 5 / 60), HEAP_LIMIT);

        assertThat(d.decision()).isEqualTo(Decision.LEAK);
        assertThat(d.slopePerMinute()).isCloseTo(2 * MIB, within(1e-3));
        assertThat(d.firstTimeMillis()).isEqualTo(T0 + 10_000);
        assertThat(d.intercept()).isCloseTo(100 * MIB + 2 * MIB * 10 / 60, within(1e-3));
        double lastValue = 100 * MIB + 2 * MIB * 115 / 60;
        assertThat(d.timeToExhaustionSeconds().orElseThrow()).isCloseTo((256 * MIB - lastValue) / (2 * MIB) * 60, within(1e-6));
        assertThat(d.confidence()).isEqualTo(1 - MannKendall.test(increasing(22)).pValueIncreasing());
        assertThat(d.reason()).isEqualTo("grows 2.0 MiB/min (p<0.0001), 46.9% of the limit per hour; exhausts in 76 min");
    }

    @Test
    void withoutALimitThereIsNoTimeToExhaustionAndAbsoluteGrowthDecides() {
        TrendDecision d = threads.evaluate(every5s(24, i -> 40 + i), NO_LIMIT);

        assertThat(d.decision()).isEqualTo(Decision.LEAK);
        assertThat(d.slopePerMinute()).isCloseTo(12, within(1e-9));
        assertThat(d.timeToExhaustionSeconds()).isEmpty();
        assertThat(d.reason()).isEqualTo("grows 12.0 threads/min (p<0.0001)");
    }

    @Test
    void aCountClimbingFarFromItsLimitIsStillALeak() {
        TrendDecision d = new TrendDetector(TrendSettings.defaultsFor(Resource.FDS))
                .evaluate(every5s(24, i -> 200 + i), OptionalDouble.of(1_048_576));

        assertThat(d.decision()).isEqualTo(Decision.LEAK);
        assertThat(d.timeToExhaustionSeconds().orElseThrow()).isGreaterThan(30 * 86400.0);
    }

    @Test
    void significantButTinyCreepIsOnlySuspect() {
        // 10 KiB/min on 100 MiB: certain, but 0.02% of the level over the window.
        TrendDecision d = heap.evaluate(every5s(24, i -> 100 * MIB + 10 * 1024 * i * 5 / 60.0), HEAP_LIMIT);

        assertThat(d.decision()).isEqualTo(Decision.SUSPECT);
        assertThat(d.reason()).startsWith("grows 10.0 KiB/min (p<0.0001) but too small to matter: 0.017% of the level");
    }

    @Test
    void significantButFarFromExhaustionIsOnlySuspect() {
        TrendDetector noLevelFloor = new TrendDetector(
                TrendSettings.defaultsFor(Resource.HEAP).withMinGrowthFractionOfLevel(0));

        TrendDecision d = noLevelFloor.evaluate(every5s(24, i -> 100 * MIB + 100 * i), OptionalDouble.of(1e15));

        assertThat(d.decision()).isEqualTo(Decision.SUSPECT);
        assertThat(d.reason()).contains("too slow to matter: exhausts the limit only in");
    }

    @Test
    void materialButWeaklySignificantIsSuspect() {
        // Eight readings with 3 inversions: exact one-sided p = (1 + 7 + 27 + 76) / 8! = 0.0028.
        double[] mib = {100, 110, 105, 120, 115, 130, 125, 140};
        TrendDetector noWarmup = new TrendDetector(TrendSettings.defaultsFor(Resource.HEAP).withWarmupFraction(0));

        TrendDecision d = noWarmup.evaluate(every5s(8, i -> mib[i] * MIB), HEAP_LIMIT);

        assertThat(d.decision()).isEqualTo(Decision.SUSPECT);
        assertThat(1 - d.confidence()).isCloseTo(111.0 / 40320, within(1e-12));
        assertThat(d.reason()).endsWith("but the evidence is weak (significance 0.001 needed for a leak)");
    }

    @Test
    void growthThatStoppedIsAPlateau() {
        // A pool fills from 10 to 50 threads in the first 50 s, then stays.
        TrendDecision d = threads.evaluate(every5s(24, i -> Math.min(50, 10 + 4 * i)), NO_LIMIT);

        assertThat(d.decision()).isEqualTo(Decision.NO_LEAK);
        assertThat(d.reason()).startsWith("growth stopped (plateau): ").endsWith("0.0 threads/min over the last 35 s");
    }

    @Test
    void steadyGrowthWithQuietStretchesIsNotAPlateau() {
        // One thread every 10 s: every other reading repeats the previous one.
        TrendDecision d = threads.evaluate(every5s(24, i -> 40 + i / 2), NO_LIMIT);

        assertThat(d.decision()).isEqualTo(Decision.LEAK);
    }

    @Test
    void decreasingAndConstantSeriesDoNotGrow() {
        TrendDecision decreasing = heap.evaluate(every5s(24, i -> 200 * MIB - i * MIB), HEAP_LIMIT);
        TrendDecision constant = heap.evaluate(every5s(24, i -> 100 * MIB), HEAP_LIMIT);

        assertThat(decreasing.decision()).isEqualTo(Decision.NO_LEAK);
        assertThat(decreasing.reason()).startsWith("no growth: -12.0 MiB/min");
        assertThat(decreasing.timeToExhaustionSeconds()).isEmpty();
        assertThat(decreasing.confidence()).isLessThan(0.5);
        assertThat(constant.decision()).isEqualTo(Decision.NO_LEAK);
        assertThat(constant.slopePerMinute()).isZero();
    }

    @Test
    void alreadyBeyondTheLimitIsExhaustedNow() {
        TrendDecision d = heap.evaluate(every5s(24, i -> 300 * MIB + i * MIB), HEAP_LIMIT);

        assertThat(d.decision()).isEqualTo(Decision.LEAK);
        assertThat(d.timeToExhaustionSeconds()).hasValue(0.0);
    }

    @Test
    void nonFiniteReadingsAreDropped() {
        List<Sample> series = new ArrayList<>(every5s(24, i -> 40 + i));
        series.set(5, new Sample(series.get(5).timeMillis(), Double.NaN));
        series.set(9, new Sample(series.get(9).timeMillis(), Double.POSITIVE_INFINITY));

        TrendDecision d = threads.evaluate(series, NO_LIMIT);

        assertThat(d.decision()).isEqualTo(Decision.LEAK);
        assertThat(d.samplesUsed()).isEqualTo(20);
    }

    @Test
    void longSeriesAreThinnedToABoundedSize() {
        TrendDecision d = threads.evaluate(every5s(5_000, i -> 40 + i / 10), NO_LIMIT);

        assertThat(d.decision()).isEqualTo(Decision.LEAK);
        assertThat(d.samplesUsed()).isEqualTo(TheilSen.MAX_SAMPLES);
        assertThat(d.slopePerMinute()).isCloseTo(1.2, within(0.01));
    }

    @Test
    void samplesAllAtOneTimeCannotShowATrend() {
        List<Sample> sameTime = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sameTime.add(new Sample(T0, i));
        }

        assertThat(threads.evaluate(sameTime, NO_LIMIT).decision()).isEqualTo(Decision.NOT_ENOUGH_DATA);
    }

    @Test
    void rejectsOutOfOrderSeriesAndMeaninglessLimits() {
        List<Sample> backwards = List.of(new Sample(T0 + 5_000, 1), new Sample(T0, 2));
        List<Sample> fine = every5s(10, i -> i);

        assertThatThrownBy(() -> threads.evaluate(backwards, NO_LIMIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time order")
                .hasMessageContaining("sample 1");
        for (double limit : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> threads.evaluate(fine, OptionalDouble.of(limit)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("limit must be a positive number, was " + limit);
        }
    }

    private static List<Sample> every5s(int count, IntToDoubleFunction value) {
        List<Sample> series = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            series.add(new Sample(T0 + i * 5_000L, value.applyAsDouble(i)));
        }
        return series;
    }

    private static double[] increasing(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }
}
