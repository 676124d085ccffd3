package dev.leakwatch.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The store under more series than it may hold: everything stays within its bounds. */
class SeriesStoreBoundsTest {
    private static final int CAP = 1_000;
    /** A series here: 96 fixed + labels (two short pairs, about 200) + a 16-sample ring (about 310). */
    private static final long MAX_BYTES_PER_SERIES = 700;

    @Test
    void tenTimesTheCapWithTtlChurnStaysBounded() {
        FakeTicker ticker = new FakeTicker();
        MetricDescriptor fds = MetricDescriptor.gauge("process_open_fds", "fds");
        MetricDescriptor rss = MetricDescriptor.gauge("process_resident_memory_bytes", "rss");
        MetricDescriptor threads = MetricDescriptor.gauge("process_threads", "threads");
        SeriesStore store = new SeriesStore(new StoreLimits(CAP, 400, Duration.ofMinutes(5), 16, 200,
                Set.of("process_open_fds")), ticker);
        int offered = 0;
        int stored = 0;
        int folded = 0;
        int nextPid = 0;
        long maxBytes = 0;
        // 100 simulated minutes; 100 new processes a minute, each with four series: 40x the cap
        // in new series over the run, and well above it within any one TTL window.
        for (int minute = 0; minute < 100; minute++) {
            for (int i = 0; i < 100; i++) {
                int pid = nextPid++;
                // process_open_fds twice (by kind), so that it reaches its per-metric cap first.
                for (String series : List.of("fds:file", "fds:socket", "rss:", "threads:")) {
                    String[] parts = series.split(":", -1);
                    MetricDescriptor m = parts[0].equals("fds") ? fds : parts[0].equals("rss") ? rss : threads;
                    Labels labels = Labels.of("pid", Integer.toString(pid), "process", "java");
                    if (!parts[1].isEmpty()) {
                        labels = labels.with("kind", parts[1]);
                    }
                    offered++;
                    WriteResult r = store.set(m, labels, pid, minute * 60_000L);
                    if (r == WriteResult.STORED) {
                        stored++;
                    } else if (r == WriteResult.FOLDED) {
                        folded++;
                    }
                }
            }
            ticker.advance(Duration.ofMinutes(1));
            store.sweep();
            StoreStats stats = store.stats();
            maxBytes = Math.max(maxBytes, stats.estimatedBytes());
            assertThat(stats.series()).isLessThanOrEqualTo(CAP);
            assertThat(stats.historySeries()).isLessThanOrEqualTo(200);
            assertThat(stats.estimatedBytes()).isLessThanOrEqualTo(CAP * MAX_BYTES_PER_SERIES);
        }
        StoreStats stats = store.stats();
        assertThat(offered).isEqualTo(40 * CAP);
        assertThat(stats.dropped().get(DropReason.LIMIT) + stats.dropped().get(DropReason.CARDINALITY))
                .as("every write not stored as its own series is counted")
                .isEqualTo(offered - stored);
        assertThat(stats.dropped().get(DropReason.LIMIT)).isPositive();
        assertThat(folded).isPositive();
        // The store was full most of the time, yet expiry kept making room for new series.
        assertThat(stored).isGreaterThan(5 * CAP);
        assertThat(maxBytes).isGreaterThan(CAP * SeriesStore.SERIES_BYTES);
        ticker.advance(Duration.ofMinutes(6));
        store.sweep();
        assertThat(store.stats().series()).isZero();
        assertThat(store.stats().estimatedBytes()).isZero();
        // Every series created (own or overflow) expired exactly once.
        assertThat(store.stats().expired()).isGreaterThanOrEqualTo(stored);
    }

    @Test
    void concurrentWritersSweepsAndReadersKeepExactAccounts() throws InterruptedException {
        FakeTicker ticker = new FakeTicker();
        SeriesStore store = new SeriesStore(new StoreLimits(CAP, 300, Duration.ofSeconds(30), 8, 100,
                Set.of("m0")), ticker);
        List<MetricDescriptor> metrics = List.of(MetricDescriptor.gauge("m0", "m"), MetricDescriptor.gauge("m1", "m"),
                MetricDescriptor.counter("m2_total", "m"), MetricDescriptor.gauge("m3", "m"));
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int seed = w;
            threads.add(new Thread(() -> {
                Random random = new Random(seed);
                await(start);
                for (int i = 0; i < 50_000; i++) {
                    MetricDescriptor m = metrics.get(random.nextInt(metrics.size()));
                    Labels labels = Labels.of("k", Integer.toString(random.nextInt(2_000)));
                    store.set(m, labels, i, i);
                }
            }));
        }
        threads.add(new Thread(() -> {
            await(start);
            while (!done.get()) {
                ticker.advance(Duration.ofSeconds(7));
                store.sweep();
                maxSeen.accumulateAndGet(store.size(), Math::max);
                if (store.size() > CAP) {
                    failures.incrementAndGet();
                }
            }
        }));
        threads.add(new Thread(() -> {
            await(start);
            while (!done.get()) {
                store.snapshot();
                store.get(new SeriesKey("m0", Labels.of("k", "7")));
            }
        }));
        threads.forEach(Thread::start);
        start.countDown();
        for (int i = 0; i < 4; i++) {
            threads.get(i).join();
        }
        done.set(true);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failures.get()).isZero();
        assertThat(maxSeen.get()).isLessThanOrEqualTo(CAP);
        int live = store.snapshot().stream().mapToInt(f -> f.points().size()).sum();
        assertThat(store.size()).isEqualTo(live);
        ticker.advance(Duration.ofMinutes(1));
        store.sweep();
        StoreStats stats = store.stats();
        assertThat(stats.series()).isZero();
        assertThat(stats.historySeries()).isZero();
        assertThat(stats.estimatedBytes()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
