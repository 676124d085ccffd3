package dev.leakwatch.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.agent.config.AgentConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The G1 heap signal on fixtures' counters recorded from their hsperfdata every second (on a
 * shared 2-core machine, JDK 17, -Xmx256m), replayed as the agent reads them at its default
 * collector interval (15 s) from every phase of that interval, with the default leak-watch settings.
 */
class G1HeapRecordingsTest {
    private static final Duration INTERVAL = AgentConfig.Schedule.DEFAULT_INTERVAL;

    private static WindowAssessor defaults() {
        return new WindowAssessor(Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /** The first suspicion at each phase of the collector's interval (1 s steps). */
    private static List<Optional<Duration>> everyPhase(G1Recording r) {
        List<Optional<Duration>> out = new ArrayList<>();
        for (long phase = 0; phase < INTERVAL.toSeconds(); phase++) {
            out.add(r.replay(INTERVAL, Duration.ofSeconds(phase), defaults()).firstSuspected());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"SawtoothCache", "SawtoothCache-run2", "SawtoothCache-run3", "SawtoothCache-run4",
        "WarmupThenPlateau", "LargeStableHeap", "PeriodicBatch", "GarbageChurn"})
    void benignG1JvmsAreAssessedAndNeverSuspected(String name) {
        G1Recording r = G1Recording.load(name);
        assertThat(r.length()).isGreaterThan(Duration.ofMinutes(10));

        assertThat(everyPhase(r)).as("first suspicion per phase").allMatch(Optional::isEmpty);
        assertThat(r.replay(INTERVAL, Duration.ZERO, defaults()).verdicts())
                .as("evaluations with a heap verdict (not merely no signal)").isGreaterThan(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BoundedThreadPool", "HeapLeakService-1MBmin", "HeapLeakService-4MBmin"})
    void aG1JvmWhoseOldGenerationNeverReachedTheMarkingThresholdHasNoHeapSignal(String name) {
        // Known limit: without a concurrent cycle nothing bounds the live set, however slow a leak.
        G1Recording r = G1Recording.load(name);

        G1Recording.Replay replay = r.replay(INTERVAL, Duration.ZERO, defaults());

        assertThat(replay.signal()).isEmpty();
        assertThat(replay.firstSuspected()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HeapLeakService-60MBmin", "HeapLeakService-120MBmin"})
    void aFastLeakIsSuspectedWithinThreeAndAHalfMinutesAtEveryPhase(String name) {
        List<Optional<Duration>> first = everyPhase(G1Recording.load(name));

        assertThat(first).allSatisfy(d -> assertThat(d).hasValueSatisfying(
                t -> assertThat(t).isBetween(Duration.ofSeconds(150), Duration.ofSeconds(210))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HeapLeakService-30MBmin"})
    void aLeakIsSuspectedBeforeTheHeapIsFullAtEveryPhase(String name) {
        // Its old generation reaches the heap's size after about 8 minutes.
        List<Optional<Duration>> first = everyPhase(G1Recording.load(name));

        assertThat(first).allSatisfy(d -> assertThat(d).hasValueSatisfying(
                t -> assertThat(t).isLessThan(Duration.ofMinutes(7))));
    }
}
