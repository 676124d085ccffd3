package dev.leakwatch.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A read's stamp holds exactly until the family changes: a write, a series added or expired. */
class FamilyViewTest {
    private static final MetricDescriptor LOAD = MetricDescriptor.gauge("node_load1", "1m load average.");
    private static final MetricDescriptor FDS = MetricDescriptor.gauge("process_open_fds", "Open fds.");

    private final FakeTicker ticker = new FakeTicker();
    private final SeriesStore store = new SeriesStore(
            StoreLimits.defaults().withTtl(Duration.ofMinutes(5)).withHistory(4, 2, Set.of()), ticker);

    @Test
    void aStampHoldsUntilItsFamilyIsWritten() {
        store.set(LOAD, Labels.EMPTY, 1, 1_000);
        store.set(FDS, Labels.of("pid", "1"), 10, 1_000);
        ReadStamp load = read(LOAD).stamp();
        ReadStamp fds = read(FDS).stamp();
        assertThat(view(LOAD).unchangedSince(load)).isTrue();

        store.set(FDS, Labels.of("pid", "1"), 11, 2_000);

        assertThat(view(LOAD).unchangedSince(load)).as("another family's write").isTrue();
        assertThat(view(FDS).unchangedSince(fds)).isFalse();
        SeriesStore.StampedRead again = read(FDS);
        assertThat(again.snapshot().points()).singleElement().extracting(FamilySnapshot.Point::value).isEqualTo(11.0);
        assertThat(view(FDS).unchangedSince(again.stamp())).isTrue();
    }

    @Test
    void aNewSeriesOrAnExpiredOneChangesTheFamily() {
        store.set(FDS, Labels.of("pid", "1"), 10, 1_000);
        ReadStamp before = read(FDS).stamp();
        store.set(FDS, Labels.of("pid", "2"), 20, 1_000);
        assertThat(view(FDS).unchangedSince(before)).isFalse();

        ticker.advance(Duration.ofMinutes(3));
        store.set(FDS, Labels.of("pid", "2"), 21, 2_000);
        ReadStamp both = read(FDS).stamp();
        assertThat(view(FDS).unchangedSince(both)).isTrue();
        ticker.advance(Duration.ofMinutes(2).plusNanos(1)); // pid 1 is now stale, without any write

        assertThat(view(FDS).unchangedSince(both)).isFalse();
        assertThat(read(FDS).snapshot().points()).extracting(p -> p.labels().value(0)).containsExactly("2");
    }

    @Test
    void aSweptSeriesChangesTheFamily() {
        store.set(FDS, Labels.of("pid", "1"), 10, 1_000);
        ticker.advance(Duration.ofMinutes(4));
        store.set(FDS, Labels.of("pid", "2"), 10, 1_000);
        ReadStamp stamp = read(FDS).stamp();
        ticker.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(store.sweep()).isEqualTo(1);
        assertThat(view(FDS).unchangedSince(stamp)).isFalse();
    }

    /**
     * A writer keeps raising a value while a reader reads and checks: whenever the stamp still
     * holds, the value read with it is at least the last one whose write had returned before the
     * check (a write in progress may land either side).
     */
    @Test
    void aStampThatHoldsNeverHidesAConcurrentWrite() throws InterruptedException {
        SeriesStore live = new SeriesStore(StoreLimits.defaults());
        live.set(LOAD, Labels.EMPTY, 0, 0);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong completed = new AtomicLong();
        Thread writer = new Thread(() -> {
            for (int i = 1; !done.get(); i++) {
                live.set(LOAD, Labels.EMPTY, i, i);
                completed.set(i);
                if (i % 64 == 0) {
                    Thread.yield(); // gaps in which stamps can hold
                }
            }
        }, "leakwatch-test-writer");
        writer.start();
        List<String> violations = new ArrayList<>();
        int held = 0;
        try {
            for (int i = 0; i < 50_000; i++) {
                SeriesStore.StampedRead read = only(live).read();
                double seen = read.snapshot().points().get(0).value();
                long written = completed.get();
                if (only(live).unchangedSince(read.stamp())) {
                    held++;
                    if (seen < written) {
                        violations.add("read " + seen + " but " + written + " was written before the check");
                    }
                }
            }
        } finally {
            done.set(true);
            writer.join();
        }
        assertThat(violations).isEmpty();
        assertThat(held).as("some stamps held (the writer cannot write between every pair of reads)").isPositive();
    }

    private static FamilyView only(SeriesStore s) {
        List<FamilyView> views = new ArrayList<>();
        s.forEachFamilyView(views::add);
        return views.get(0);
    }

    private FamilyView view(MetricDescriptor d) {
        List<FamilyView> views = new ArrayList<>();
        store.forEachFamilyView(v -> {
            if (v.descriptor().equals(d)) {
                views.add(v);
            }
        });
        return views.get(0);
    }

    private SeriesStore.StampedRead read(MetricDescriptor d) {
        return view(d).read();
    }
}
