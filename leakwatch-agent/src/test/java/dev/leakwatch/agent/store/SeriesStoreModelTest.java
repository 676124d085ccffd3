package dev.leakwatch.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Model-based test: random operations on the store and on a plain map that implements the
 * documented semantics directly; after every step both must agree on every series and counter.
 */
class SeriesStoreModelTest {
    private static final List<MetricDescriptor> METRICS = List.of(
            MetricDescriptor.gauge("a", "a"), MetricDescriptor.gauge("b", "b"), MetricDescriptor.counter("c_total", "c"));
    private static final int MAX_SERIES = 12;
    private static final int PER_METRIC = 5;
    private static final Duration TTL = Duration.ofMinutes(5);

    /** The semantics, written the obvious way. */
    private static final class Model {
        record Entry(double value, long time, long written) {}

        final Map<SeriesKey, Entry> entries = new HashMap<>();
        final Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
        long expired;
        long now;

        Model() {
            for (DropReason r : DropReason.values()) {
                dropped.put(r, 0L);
            }
        }

        WriteResult write(MetricDescriptor m, Labels labels, double v, boolean delta, long time) {
            SeriesKey key = new SeriesKey(m.name(), labels);
            Entry e = entries.get(key);
            if (e != null) {
                entries.put(key, new Entry(delta ? e.value + v : v, time, now));
                return WriteResult.STORED;
            }
            long regular = entries.keySet().stream()
                    .filter(k -> k.metric().equals(m.name()) && !k.labels().equals(SeriesStore.OVERFLOW)).count();
            if (regular >= PER_METRIC) {
                dropped.merge(DropReason.CARDINALITY, 1L, Long::sum);
                SeriesKey overflow = new SeriesKey(m.name(), SeriesStore.OVERFLOW);
                Entry o = entries.get(overflow);
                if (o != null) {
                    boolean sum = delta || o.time == time;
                    entries.put(overflow, new Entry(sum ? o.value + v : v, time, now));
                    return WriteResult.FOLDED;
                }
                if (entries.size() >= MAX_SERIES) {
                    dropped.merge(DropReason.LIMIT, 1L, Long::sum);
                    return WriteResult.REFUSED;
                }
                entries.put(overflow, new Entry(v, time, now));
                return WriteResult.FOLDED;
            }
            if (entries.size() >= MAX_SERIES) {
                dropped.merge(DropReason.LIMIT, 1L, Long::sum);
                return WriteResult.REFUSED;
            }
            entries.put(key, new Entry(v, time, now));
            return WriteResult.STORED;
        }

        boolean stale(Entry e) {
            return now - e.written > TTL.toNanos();
        }

        Optional<Double> get(SeriesKey key) {
            Entry e = entries.get(key);
            if (e == null) {
                return Optional.empty();
            }
            if (stale(e)) {
                entries.remove(key);
                expired++;
                return Optional.empty();
            }
            return Optional.of(e.value);
        }

        int sweep() {
            int n = 0;
            for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
                if (stale(it.next())) {
                    it.remove();
                    n++;
                }
            }
            expired += n;
            return n;
        }

        Map<SeriesKey, Double> snapshot() {
            sweep();
            Map<SeriesKey, Double> out = new HashMap<>();
            entries.forEach((k, e) -> out.put(k, e.value));
            return out;
        }
    }

    @Test
    void agreesWithAPlainMapOnRandomOperations() {
        for (long seed = 0; seed < 40; seed++) {
            runOnce(seed);
        }
    }

    private void runOnce(long seed) {
        Random random = new Random(seed);
        FakeTicker ticker = new FakeTicker();
        SeriesStore store = new SeriesStore(StoreLimits.defaults().withMaxSeries(MAX_SERIES)
                .withMaxSeriesPerMetric(PER_METRIC).withTtl(TTL).withHistory(4, 0, Set.of()), ticker);
        Model model = new Model();
        model.now = ticker.nanos();
        long time = 0;
        for (int step = 0; step < 600; step++) {
            MetricDescriptor m = METRICS.get(random.nextInt(METRICS.size()));
            Labels labels = Labels.of("k", Integer.toString(random.nextInt(8)));
            SeriesKey key = new SeriesKey(m.name(), random.nextInt(10) == 0 ? SeriesStore.OVERFLOW : labels);
            double v = random.nextInt(100);
            int op = random.nextInt(100);
            String what;
            if (op < 40) {
                what = "set " + key;
                assertThat(store.set(m, labels, v, time)).as(what).isEqualTo(model.write(m, labels, v, false, time));
            } else if (op < 55) {
                what = "add " + key;
                assertThat(store.add(m, labels, v, time)).as(what).isEqualTo(model.write(m, labels, v, true, time));
            } else if (op < 70) {
                Duration d = Duration.ofSeconds(random.nextInt(120));
                ticker.advance(d);
                model.now = ticker.nanos();
                time += 1 + random.nextInt(3);
                what = "advance " + d;
            } else if (op < 78) {
                what = "sweep";
                assertThat(store.sweep()).as(what).isEqualTo(model.sweep());
            } else if (op < 93) {
                what = "get " + key;
                assertThat(store.get(key).map(FamilySnapshot.Point::value)).as(what).isEqualTo(model.get(key));
            } else {
                what = "snapshot";
                Map<SeriesKey, Double> actual = new HashMap<>();
                for (FamilySnapshot f : store.snapshot()) {
                    for (FamilySnapshot.Point p : f.points()) {
                        actual.put(new SeriesKey(f.descriptor().name(), p.labels()), p.value());
                    }
                }
                assertThat(actual).as("seed %d step %d %s", seed, step, what).isEqualTo(model.snapshot());
            }
            StoreStats stats = store.stats();
            assertThat(stats.series()).as("seed %d step %d after %s", seed, step, what).isEqualTo(model.entries.size());
            assertThat(stats.dropped()).as("seed %d step %d after %s", seed, step, what).isEqualTo(model.dropped);
            assertThat(stats.expired()).as("seed %d step %d after %s", seed, step, what).isEqualTo(model.expired);
        }
    }
}
