package dev.leakwatch.bench.store;

import dev.leakwatch.agent.store.Labels;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent's series store against a Caffeine cache doing the same job, at 100,000 series:
 * updating existing series (every collection), reading them all (every scrape), and churn (new
 * series arriving while old ones expire).
 *
 * <p>Run: {@code java -cp <bench classpath> org.openjdk.jmh.Main StoreBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "-XX:+UseSerialGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StoreBenchmark {
    @Param({"leakwatch", "caffeine"})
    public String impl;

    @Param({"100000"})
    public int series;

    private Workload workload;
    private BenchStore store;
    private Labels[] labels;
    private int next;
    private int churn;

    @Setup(Level.Trial)
    public void setUp() {
        workload = new Workload(series);
        // Room for the churn benchmark's new series without reaching the bound.
        store = workload.create(impl, series * 4);
        workload.fill(store);
        labels = new Labels[workload.perMetric];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = workload.labels(i);
        }
    }

    /** One write to an existing series, with labels equal to (not the same object as) the stored ones. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void updateExisting() {
        int i = next++;
        if (next == series) {
            next = 0;
        }
        store.set(workload.metrics[i % Workload.METRICS], labels[(i / Workload.METRICS) % labels.length], i, 1);
    }

    /** Reads every series grouped by metric, as one scrape. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int scrapeAll() {
        return store.scrape();
    }

    /**
     * A new series (a process that just started), with time moving so that series expire: 3 ms
     * of simulated time per write, so a 5-minute TTL keeps about 100,000 series live; the expiry
     * sweep every 10,000 writes, i.e. every 30 simulated seconds, the default sweep_interval.
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void churnNewSeries() {
        int i = churn++;
        workload.nanos.addAndGet(3_000_000L);
        store.set(workload.metrics[i % Workload.METRICS], workload.labels(series + i), i, i);
        if (i % 10_000 == 0) {
            store.maintain();
        }
    }
}
