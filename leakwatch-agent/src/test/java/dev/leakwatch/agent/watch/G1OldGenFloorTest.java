package dev.leakwatch.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.core.series.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class G1OldGenFloorTest {
    private static final long STEP = 15_000;
    private static final long NO_TIME_LOOKBACK = 0;

    /** Readings every 15 s from t = 0. */
    private static List<Sample> series(double... values) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(new Sample(i * STEP, values[i]));
        }
        return out;
    }

    private static List<Double> values(List<Sample> samples) {
        return samples.stream().map(Sample::value).toList();
    }

    private static List<Long> times(List<Sample> samples) {
        return samples.stream().map(s -> s.timeMillis() / STEP).toList();
    }

    @Test
    void noValueBeforeTheFirstCycleAndForTheReadingsBeforeItUntilItsEpochIsOver() {
        List<Sample> old = series(10, 20, 30, 25, 28);
        List<Sample> cycles = series(0, 0, 0, 2, 2);

        List<Sample> floor = G1OldGenFloor.of(old, cycles, List.of(), NO_TIME_LOOKBACK, 1);

        assertThat(times(floor)).containsExactly(3L, 4L);
        assertThat(values(floor)).containsExactly(25.0, 25.0);
        assertThat(G1OldGenFloor.of(old, series(0, 0, 0, 0, 0), List.of(), NO_TIME_LOOKBACK, 1)).isEmpty();
        assertThat(G1OldGenFloor.of(old, List.of(), List.of(), NO_TIME_LOOKBACK, 1)).isEmpty();
    }

    @Test
    void promotionsSinceTheLastCycleDoNotRaiseTheFloor() {
        // Filling, cycle at 3 (mixed collections bring it to 40), filling again, cycle at 8, to 42.
        List<Sample> old = series(30, 50, 70, 60, 40, 55, 70, 85, 70, 42, 60);
        List<Sample> cycles = series(0, 0, 0, 2, 2, 2, 2, 2, 4, 4, 4);

        List<Sample> floor = G1OldGenFloor.of(old, cycles, List.of(), NO_TIME_LOOKBACK, 0);

        assertThat(times(floor)).as("every reading once the first epoch is over").containsExactly(
                0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(values(floor)).containsExactly(
                30.0, 40.0, 40.0, // before the first cycle: the reading, or the floor the cycle came down to
                60.0, 40.0, 40.0, 40.0, 40.0, // first epoch: its running minimum
                70.0, 42.0, 42.0); // second epoch
    }

    @Test
    void remarkAndCleanupSeenApartAreOneCycle() {
        List<Sample> old = series(30, 50, 70, 70, 45, 50, 60, 52, 50);
        List<Sample> cycles = series(0, 0, 1, 2, 2, 2, 3, 4, 4);

        List<Sample> floor = G1OldGenFloor.of(old, cycles, List.of(), NO_TIME_LOOKBACK, 0);

        // Boundaries at readings 3 and 7 only (cycle numbers 0, 0, 0, 1, 1, 1, 1, 2, 2).
        assertThat(values(floor)).containsExactly(30.0, 45.0, 45.0, 70.0, 45.0, 45.0, 45.0, 52.0, 50.0);
    }

    @Test
    void aFullCollectionIsABoundary() {
        List<Sample> old = series(30, 60, 20, 25, 90, 22, 24);
        List<Sample> cycles = series(0, 0, 0, 0, 0, 0, 0);
        List<Sample> full = series(0, 0, 1, 1, 1, 2, 2);

        assertThat(values(G1OldGenFloor.of(old, cycles, full, NO_TIME_LOOKBACK, 0)))
                .containsExactly(20.0, 20.0, 20.0, 20.0, 20.0, 22.0, 22.0);
    }

    @Test
    void theLookbackKeepsTheLowPointsOfALiveSetThatRisesAndFallsBetweenCycles() {
        // A cache cleared now and then: each cycle catches it at another size.
        List<Sample> old = series(5, 10, 30, 8, 40, 45, 20, 50, 42, 44);
        List<Sample> cycles = series(0, 0, 2, 4, 6, 6, 8, 8, 10, 12);

        List<Sample> ownEpoch = G1OldGenFloor.of(old, cycles, List.of(), NO_TIME_LOOKBACK, 0);
        List<Sample> previousEpochToo = G1OldGenFloor.of(old, cycles, List.of(), NO_TIME_LOOKBACK, 1);
        List<Sample> aMinuteBack = G1OldGenFloor.of(old, cycles, List.of(), 60_000, 0);

        assertThat(values(ownEpoch).subList(2, 10)).containsExactly(30.0, 8.0, 40.0, 40.0, 20.0, 20.0, 42.0, 44.0);
        assertThat(values(previousEpochToo).subList(2, 10)).containsExactly(30.0, 8.0, 8.0, 8.0, 20.0, 20.0, 20.0, 42.0);
        assertThat(values(aMinuteBack).subList(2, 10)).containsExactly(30.0, 8.0, 8.0, 8.0, 8.0, 8.0, 20.0, 20.0);
    }

    @Test
    void aCounterGoingBackwardsStartsAfresh() {
        // A new JVM under the same pid: its counters start again from 0.
        List<Sample> old = series(30, 50, 40, 45, 10, 12, 14, 9, 11);
        List<Sample> cycles = series(0, 2, 4, 4, 0, 0, 2, 4, 4);

        List<Sample> floor = G1OldGenFloor.of(old, cycles, List.of(), NO_TIME_LOOKBACK, 1);

        assertThat(times(floor)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(values(floor).subList(0, 4)).containsExactly(30.0, 50.0, 40.0, 40.0);
        assertThat(values(floor).subList(4, 9)).as("nothing of the first JVM").containsExactly(10.0, 12.0, 14.0, 9.0, 9.0);
    }

    @Test
    void countersAreTakenAtTheirLatestReadingNotAfterTheOldGeneration() {
        List<Sample> old = series(30, 50, 40, 45);
        // The pause count read a little after the old generation of the same run.
        List<Sample> cycles = List.of(new Sample(1, 0), new Sample(STEP + 1, 2), new Sample(2 * STEP + 1, 4),
                new Sample(3 * STEP + 1, 4));

        // Reading 1 sees count 0 (read after it), reading 2 sees 2, reading 3 sees 4: boundaries at 2 and 3.
        assertThat(times(G1OldGenFloor.of(old, cycles, List.of(), NO_TIME_LOOKBACK, 0))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void negativeLookbacksAreRefused() {
        assertThatThrownBy(() -> G1OldGenFloor.of(List.of(), List.of(), List.of(), -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1 ms");
        assertThatThrownBy(() -> G1OldGenFloor.of(List.of(), List.of(), List.of(), 0, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-2 epochs");
    }

    @Test
    void theResidueAllowanceIsTheHeapWasteAndTheGarbageOfRegionsTooLiveToEvacuate() {
        double mib = 1024 * 1024;
        assertThat(G1OldGenFloor.residueAllowance(OptionalDouble.of(256 * mib), 100 * mib))
                .isEqualTo(0.05 * 256 * mib + 0.15 * 100 * mib);
        assertThat(G1OldGenFloor.residueAllowance(OptionalDouble.empty(), 100 * mib)).isEqualTo(0.2 * 100 * mib);
    }

    @Test
    void theLargestFallIsFromAnEarlierPeakToALaterLow() {
        assertThat(G1OldGenFloor.largestFall(series(10, 30, 12, 40, 35, 50))).isEqualTo(18.0);
        assertThat(G1OldGenFloor.largestFall(series(10, 10, 20, 30))).isZero();
        assertThat(G1OldGenFloor.largestFall(List.of())).isZero();
    }

    @Test
    void theLargestStepIsTheLargestRiseFromOneReadingToTheNext() {
        assertThat(G1OldGenFloor.largestStep(series(10, 30, 12, 40, 35, 50))).isEqualTo(28.0);
        assertThat(G1OldGenFloor.largestStep(series(30, 20, 10))).isZero();
        assertThat(G1OldGenFloor.largestStep(List.of())).isZero();
    }
}
