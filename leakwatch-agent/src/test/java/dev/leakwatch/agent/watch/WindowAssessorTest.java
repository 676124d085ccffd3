package dev.leakwatch.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.series.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class WindowAssessorTest {
    private static final double MIB = 1024 * 1024;
    private static final double HEAP_MAX = 256 * MIB;
    private final WindowAssessor assessor =
            new WindowAssessor(Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(5));

    /** Readings every 15 s for 10 minutes, rising steadily by {@code growth} from 100 MiB. */
    private static List<Sample> rising(double growth) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            out.add(new Sample(i * 15_000L, 100 * MIB + growth * i / 40));
        }
        return out;
    }

    private WindowAssessor.WindowVerdict heap(List<Sample> readings, boolean g1Floor) {
        ProcessSignals p = new ProcessSignals(1, "Orders", false, true,
                Map.of(Resource.HEAP, new Signal(readings, OptionalDouble.of(HEAP_MAX), g1Floor)));
        return assessor.assess(p, 0, 0, readings.get(readings.size() - 1).timeMillis()).get(Resource.HEAP);
    }

    @Test
    void aG1FloorGrowingLessThanWhatG1MayLeaveUncollectedDoesNotAlarm() {
        // 5 % of 256 MiB + 15 % of 100 MiB = 27.8 MiB may differ between two floors with the same live data.
        List<Sample> readings = rising(20 * MIB);

        assertThat(heap(readings, false).alarming()).as("after full collections").isTrue();
        WindowAssessor.WindowVerdict g1 = heap(readings, true);
        assertThat(g1.alarming()).isFalse();
        assertThat(g1.decided()).isTrue();
        assertThat(g1.assessment().finding()).as("still a finding, which keeps a suspicion alive").isPresent();
    }

    @Test
    void aG1FloorGrowingBeyondItAlarms() {
        assertThat(heap(rising(40 * MIB), true).alarming()).isTrue();
    }

    @Test
    void aG1FloorThatFellInTheWindowMustRiseBeyondTheFallToo() {
        // A cycle caught the live set 25 MiB lower once (a cache just emptied): that much is its normal swing.
        List<Sample> readings = new ArrayList<>(rising(40 * MIB));
        Sample dip = readings.get(8);
        readings.set(8, new Sample(dip.timeMillis(), dip.value() - 25 * MIB));

        assertThat(heap(readings, false).alarming()).as("after full collections").isTrue();
        assertThat(heap(readings, true).alarming()).isFalse();
        assertThat(heap(rising(70 * MIB), true).alarming()).isTrue();
    }

    @Test
    void aG1FloorThatRoseInOneJumpMustRiseBeyondTheJumpToo() {
        // Readings that caught a swinging live set low leave the lookback: one jump of 35 MiB, then flat-ish.
        List<Sample> readings = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            readings.add(new Sample(i * 15_000L, (i < 20 ? 10 * MIB : 45 * MIB) + i * 0.05 * MIB));
        }

        assertThat(heap(readings, true).alarming()).isFalse();
    }

    /**
     * The agent's own heap right after its 5-minute warm-up, read every second (as recorded by a
     * running agent): survivor space after young collections, one step of 16 KiB in 17 readings.
     * Fitted over 16 s this was "73.8 KiB/min, p = 0.0005, exhausts the 160 MiB heap in 36.8 h": a suspicion.
     */
    @Test
    void aStepInSecondsOfReadingsRightAfterTheWarmUpIsNotEnoughData() {
        long start = 0;
        long firstAfterWarmUp = Duration.ofMinutes(5).toMillis() + 500;
        List<Sample> readings = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            readings.add(new Sample(firstAfterWarmUp + i * 1_000L, i < 9 ? 80_856 : 97_240));
        }
        ProcessSignals self = new ProcessSignals(7, "leakwatch", true, true,
                Map.of(Resource.HEAP, new Signal(readings, OptionalDouble.of(160 * MIB))));

        WindowAssessor.WindowVerdict v = assessor.assess(self, start, 0, firstAfterWarmUp + 16_000).get(Resource.HEAP);

        assertThat(v.decided()).isFalse();
        assertThat(v.alarming()).isFalse();
        assertThat(v.assessment().finding()).isEmpty();
        assertThat(v.assessment().trend().decision()).isEqualTo("not-enough-data");
        assertThat(v.assessment().trend().reason()).isEqualTo("17 readings over 16 s, at least 60 s needed");
    }

    @Test
    void readingsEverySecondStillFindALeakOnceTheySpanAMinute() {
        List<Sample> readings = new ArrayList<>();
        for (int i = 0; i <= 60; i++) {
            // From 60 s on: past the 30 s warm-up of a process started at 0.
            readings.add(new Sample(60_000 + i * 1_000L, 100 * MIB + i * 0.5 * MIB));
        }

        assertThat(heap(readings.subList(0, 31), false).decided()).as("30 s").isFalse();
        assertThat(heap(readings, false).alarming()).as("60 s").isTrue();
    }

    @Test
    void aWindowShorterThanTwoMinimumSpansNeedsHalfOfIt() {
        WindowAssessor shortWindow = new WindowAssessor(Duration.ofSeconds(40), Duration.ofSeconds(30), Duration.ofMinutes(5));

        assertThat(shortWindow.minSpan()).isEqualTo(Duration.ofSeconds(20));
        assertThat(assessor.minSpan()).isEqualTo(Duration.ofSeconds(WindowAssessor.MIN_SPAN_SECONDS));
    }

    /** The agent's heap after its young collections (one reading per collection, 12 s apart, from 6 min on). */
    private WindowAssessor.WindowVerdict selfHeap(double perCollection, double survivorCapacity) {
        List<Sample> readings = new ArrayList<>();
        for (int i = 0; i <= 15; i++) {
            readings.add(new Sample(Duration.ofMinutes(6).toMillis() + i * 12_000L, 80_000 + perCollection * i));
        }
        ProcessSignals self = new ProcessSignals(7, "leakwatch", true, true,
                Map.of(Resource.HEAP, new Signal(readings, OptionalDouble.of(160 * MIB), false, survivorCapacity)));
        return assessor.assess(self, 0, 0, readings.get(readings.size() - 1).timeMillis()).get(Resource.HEAP);
    }

    @Test
    void theAgentsHeapMustGrowBeyondItsSurvivorSpacesToStartASuspicion() {
        // Objects ageing in the survivor spaces: 20 KB more after each of 15 young collections, 300 KB in 3 minutes.
        assertThat(selfHeap(20_000, 0).alarming()).as("were it not for the survivors").isTrue();
        WindowAssessor.WindowVerdict survivors = selfHeap(20_000, MIB);
        assertThat(survivors.decided()).isTrue();
        assertThat(survivors.alarming()).isFalse();

        assertThat(selfHeap(300_000, MIB).alarming()).as("4.5 MB in 3 minutes").isTrue();
    }
}
