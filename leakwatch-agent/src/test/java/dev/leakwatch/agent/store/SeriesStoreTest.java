package dev.leakwatch.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.core.series.Sample;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeriesStoreTest {
    static final MetricDescriptor LOAD = MetricDescriptor.gauge("node_load1", "1m load average.");
    static final MetricDescriptor CPU = MetricDescriptor.counter("node_cpu_seconds_total", "CPU seconds.");
    static final MetricDescriptor FDS = MetricDescriptor.gauge("process_open_fds", "Open fds.");

    private final FakeTicker ticker = new FakeTicker();
    private final StoreLimits limits = StoreLimits.defaults().withMaxSeries(10).withMaxSeriesPerMetric(3)
            .withTtl(Duration.ofMinutes(5)).withHistory(4, 2, Set.of("process_open_fds"));
    private final SeriesStore store = new SeriesStore(limits, ticker);

    private static SeriesKey key(MetricDescriptor m, String... labels) {
        return new SeriesKey(m.name(), Labels.of(labels));
    }

    @Test
    void keepsTheLatestValueAndAddsDeltas() {
        assertThat(store.set(LOAD, Labels.EMPTY, 1.5, 1000)).isEqualTo(WriteResult.STORED);
        store.set(LOAD, Labels.EMPTY, 2.5, 2000);
        assertThat(store.get(key(LOAD))).get().satisfies(p -> {
            assertThat(p.value()).isEqualTo(2.5);
            assertThat(p.timeMillis()).isEqualTo(2000);
        });
        store.add(CPU, Labels.of("cpu", "0", "mode", "idle"), 3, 1000);
        store.add(CPU, Labels.of("mode", "idle", "cpu", "0"), 4, 2000);
        assertThat(store.get(key(CPU, "cpu", "0", "mode", "idle"))).get()
                .extracting(FamilySnapshot.Point::value).isEqualTo(7.0);
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void refusesNewSeriesBeyondTheCapAndCountsThem() {
        MetricDescriptor[] metrics = new MetricDescriptor[4];
        for (int i = 0; i < metrics.length; i++) {
            metrics[i] = MetricDescriptor.gauge("m" + i, "help");
        }
        int stored = 0;
        for (int i = 0; i < 12; i++) {
            if (store.set(metrics[i % 4], Labels.of("i", Integer.toString(i)), i, 0) == WriteResult.STORED) {
                stored++;
            }
        }
        assertThat(stored).isEqualTo(10);
        assertThat(store.size()).isEqualTo(10);
        assertThat(store.stats().dropped()).containsEntry(DropReason.LIMIT, 2L);
        // Existing series still update when the store is full.
        assertThat(store.set(metrics[0], Labels.of("i", "0"), 99, 1)).isEqualTo(WriteResult.STORED);
    }

    @Test
    void foldsLabelSetsBeyondTheMetricCapIntoOneOverflowSeries() {
        for (int i = 0; i < 3; i++) {
            assertThat(store.set(FDS, Labels.of("pid", "" + i), 10, 1000)).isEqualTo(WriteResult.STORED);
        }
        // One collection run (same timestamp): overflowed values add up.
        assertThat(store.set(FDS, Labels.of("pid", "3"), 5, 1000)).isEqualTo(WriteResult.FOLDED);
        assertThat(store.set(FDS, Labels.of("pid", "4"), 7, 1000)).isEqualTo(WriteResult.FOLDED);
        SeriesKey overflow = new SeriesKey(FDS.name(), SeriesStore.OVERFLOW);
        assertThat(store.get(overflow)).get().extracting(FamilySnapshot.Point::value).isEqualTo(12.0);
        // The next run starts a new sum.
        store.set(FDS, Labels.of("pid", "3"), 6, 2000);
        assertThat(store.get(overflow)).get().extracting(FamilySnapshot.Point::value).isEqualTo(6.0);
        assertThat(store.get(key(FDS, "pid", "3"))).isEmpty();
        assertThat(store.stats().dropped()).containsEntry(DropReason.CARDINALITY, 3L);
        assertThat(store.size()).isEqualTo(4);
    }

    @Test
    void aTypeConflictIsRefused() {
        MetricDescriptor asCounter = MetricDescriptor.counter("x_total", "x");
        MetricDescriptor asGauge = MetricDescriptor.gauge("x_total", "x");
        store.set(asCounter, Labels.EMPTY, 1, 0);
        assertThat(store.set(asGauge, Labels.EMPTY, 1, 0)).isEqualTo(WriteResult.REFUSED);
        assertThat(store.stats().dropped()).containsEntry(DropReason.INVALID, 1L);
    }

    @Test
    void staleSeriesExpireLazilyOnReadAndCountOnce() {
        store.set(LOAD, Labels.EMPTY, 1, 0);
        ticker.advance(Duration.ofMinutes(5));
        assertThat(store.get(key(LOAD))).isPresent();
        ticker.advance(Duration.ofMillis(1));
        assertThat(store.get(key(LOAD))).isEmpty();
        assertThat(store.snapshot()).isEmpty();
        assertThat(store.sweep()).isZero();
        assertThat(store.stats().expired()).isEqualTo(1);
        assertThat(store.size()).isZero();
    }

    @Test
    void theSweepRemovesStaleSeriesAndEmptyFamilies() {
        store.set(LOAD, Labels.EMPTY, 1, 0);
        store.set(FDS, Labels.of("pid", "1"), 1, 0);
        ticker.advance(Duration.ofMinutes(4));
        store.set(FDS, Labels.of("pid", "1"), 2, 0);
        ticker.advance(Duration.ofMinutes(2));
        assertThat(store.sweep()).isEqualTo(1);
        assertThat(store.descriptor("node_load1")).isEmpty();
        assertThat(store.snapshot()).singleElement().satisfies(f -> assertThat(f.descriptor()).isEqualTo(FDS));
        // A retired family comes back on the next write.
        assertThat(store.set(LOAD, Labels.EMPTY, 3, 0)).isEqualTo(WriteResult.STORED);
        assertThat(store.descriptor("node_load1")).contains(LOAD);
    }

    @Test
    void historyIsABoundedRingForSelectedMetricsOnly() {
        SeriesKey k = key(FDS, "pid", "1");
        for (int i = 1; i <= 6; i++) {
            store.set(FDS, Labels.of("pid", "1"), i * 10, i * 1000L);
        }
        assertThat(store.history(k)).containsExactly(new Sample(3000, 30), new Sample(4000, 40),
                new Sample(5000, 50), new Sample(6000, 60));
        store.set(LOAD, Labels.EMPTY, 1, 0);
        assertThat(store.history(key(LOAD))).isEmpty();
        store.set(FDS, Labels.of("pid", "2"), 1, 0);
        store.set(FDS, Labels.of("pid", "3"), 1, 0); // a third history series: over historyMaxSeries = 2
        assertThat(store.history(key(FDS, "pid", "3"))).isEmpty();
        assertThat(store.get(key(FDS, "pid", "3"))).isPresent();
        assertThat(store.stats().dropped()).containsEntry(DropReason.HISTORY_LIMIT, 1L);
        assertThat(store.historyKeys()).containsExactlyInAnyOrder(k, key(FDS, "pid", "2"));
        assertThat(store.stats().historySeries()).isEqualTo(2);
    }

    @Test
    void estimatedBytesGrowWithSeriesAndReturnToZero() {
        assertThat(store.stats().estimatedBytes()).isZero();
        store.set(FDS, Labels.of("pid", "1"), 1, 0);
        long oneWithHistory = store.stats().estimatedBytes();
        assertThat(oneWithHistory).isGreaterThan(SeriesStore.SERIES_BYTES + SeriesStore.FAMILY_BYTES
                + HistoryRing.estimatedBytes(4));
        ticker.advance(Duration.ofHours(1));
        store.sweep();
        assertThat(store.stats().estimatedBytes()).isZero();
        assertThat(store.stats().historySeries()).isZero();
    }

    @Test
    void loweredLimitsRefuseNewSeriesButKeepExistingOnes() {
        for (int i = 0; i < 3; i++) {
            store.set(LOAD, Labels.of("i", "" + i), i, 0);
        }
        store.limits(store.limits().withMaxSeries(2));
        assertThat(store.set(LOAD, Labels.of("i", "0"), 5, 0)).isEqualTo(WriteResult.STORED);
        assertThat(store.set(FDS, Labels.of("pid", "9"), 5, 0)).isEqualTo(WriteResult.REFUSED);
        assertThat(store.size()).isEqualTo(3);
        List<FamilySnapshot> snapshot = store.snapshot();
        assertThat(snapshot).hasSize(1);
        assertThat(snapshot.get(0).points()).hasSize(3);
    }

    @Test
    void snapshotsListPointsInLabelOrderAsSeriesComeAndGo() {
        SeriesStore big = new SeriesStore(StoreLimits.defaults(), ticker);
        List<Integer> pids = new java.util.ArrayList<>();
        for (int pid = 1; pid <= 50; pid++) {
            pids.add(pid * 7919 % 1000);
        }
        for (int pid : pids) {
            big.set(FDS, Labels.of("pid", Integer.toString(pid), "process", "p" + pid % 3), pid, 0);
        }
        assertThat(labelsOf(big)).isSortedAccordingTo(Labels::compareTo).hasSize(50);
        // Half the series go stale; new ones arrive; the rest keep being written.
        ticker.advance(Duration.ofMinutes(3));
        for (int i = 0; i < 25; i++) {
            big.set(FDS, Labels.of("pid", Integer.toString(pids.get(i)), "process", "p" + pids.get(i) % 3), i, 1);
            big.set(FDS, Labels.of("pid", "new" + i), i, 1);
        }
        ticker.advance(Duration.ofMinutes(3));
        List<Labels> after = labelsOf(big);
        assertThat(after).isSortedAccordingTo(Labels::compareTo).hasSize(50).doesNotHaveDuplicates();
        assertThat(after).contains(Labels.of("pid", "new0")).doesNotContain(
                Labels.of("pid", Integer.toString(pids.get(30)), "process", "p" + pids.get(30) % 3));
        // Values written after the order was cached are the ones read.
        big.set(FDS, Labels.of("pid", "new3"), 42, 2);
        assertThat(big.snapshot().get(0).points()).filteredOn(p -> p.labels().equals(Labels.of("pid", "new3")))
                .singleElement().extracting(FamilySnapshot.Point::value).isEqualTo(42.0);
    }

    private static List<Labels> labelsOf(SeriesStore s) {
        return s.snapshot().get(0).points().stream().map(FamilySnapshot.Point::labels).toList();
    }
}
