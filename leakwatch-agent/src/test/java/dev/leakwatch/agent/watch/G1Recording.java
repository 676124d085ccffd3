package dev.leakwatch.agent.watch;

import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.series.Sample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A fixture's G1 counters recorded from its hsperfdata every second (test resources under
 * {@code g1/}), and a replay of the leak watch over them as the agent would run it: a collector
 * reading the counters every {@code interval} from a given phase, the watch evaluating right after
 * each reading.
 *
 * @param name     resource name without extension
 * @param readings one per second: seconds since the first reading and the counters at that time
 */
record G1Recording(String name, List<Reading> readings) {
    /** The heap a catalogue fixture runs with. */
    static final double HEAP_MAX = 256 * 1024 * 1024;
    /** The first reading came about a second after the JVM started. */
    static final long START_BEFORE_FIRST_READING_MILLIS = 1_000;
    private static final long T0 = 1_800_000_000_000L;

    record Reading(double seconds, double oldUsed, long concurrentPauses, long fullCollections) {}

    static G1Recording load(String name) {
        String path = "g1/" + name + ".csv";
        try (InputStream in = G1Recording.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no recording " + path);
            }
            List<Reading> readings = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.startsWith("seconds") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                readings.add(new Reading(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3])));
            }
            return new G1Recording(name, List.copyOf(readings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Duration length() {
        return Duration.ofMillis((long) (readings.get(readings.size() - 1).seconds() * 1000));
    }

    /**
     * Replays the watch at one collector interval and phase.
     *
     * @param interval collector and watch interval
     * @param phase    time of the first collector run after the first reading, in [0, interval)
     * @return when the heap was first suspected, from the JVM's start; empty if never
     */
    Replay replay(Duration interval, Duration phase, WindowAssessor assessor) {
        List<Sample> old = new ArrayList<>();
        List<Sample> concurrent = new ArrayList<>();
        List<Sample> full = new ArrayList<>();
        ResourceTracker tracker = new ResourceTracker();
        long start = T0 - START_BEFORE_FIRST_READING_MILLIS;
        int next = 0;
        int evaluations = 0;
        OptionalLong firstSuspect = OptionalLong.empty();
        List<Sample> lastSignal = List.of();
        for (long at = phase.toMillis(); at <= length().toMillis(); at += interval.toMillis()) {
            while (next + 1 < readings.size() && readings.get(next + 1).seconds() * 1000 <= at) {
                next++;
            }
            Reading r = readings.get(next);
            long t = T0 + at;
            old.add(new Sample(t, r.oldUsed()));
            concurrent.add(new Sample(t, r.concurrentPauses()));
            full.add(new Sample(t, r.fullCollections()));
            List<Sample> floor = G1OldGenFloor.of(old, concurrent, full, G1OldGenFloor.LOOKBACK_MILLIS, G1OldGenFloor.LOOKBACK_EPOCHS);
            if (floor.isEmpty()) {
                continue;
            }
            lastSignal = floor;
            ProcessSignals p = new ProcessSignals(1, name, false, true,
                    Map.of(Resource.HEAP, new Signal(floor, OptionalDouble.of(HEAP_MAX), true)));
            WindowAssessor.WindowVerdict v = assessor.assess(p, start, 0, t).get(Resource.HEAP);
            evaluations += v.decided() ? 1 : 0;
            Optional<LeakState> moved = tracker.onTrend(v, true);
            if (moved.isPresent() && moved.get() == LeakState.SUSPECT && firstSuspect.isEmpty()) {
                firstSuspect = OptionalLong.of(t - start);
            }
        }
        return new Replay(firstSuspect.isPresent() ? Optional.of(Duration.ofMillis(firstSuspect.getAsLong()))
                : Optional.empty(), evaluations, lastSignal);
    }

    /**
     * @param firstSuspected time from the JVM's start to the first suspicion, if any
     * @param verdicts       evaluations with enough data for a verdict
     * @param signal         the heap signal at the end of the replay
     */
    record Replay(Optional<Duration> firstSuspected, int verdicts, List<Sample> signal) {}
}
