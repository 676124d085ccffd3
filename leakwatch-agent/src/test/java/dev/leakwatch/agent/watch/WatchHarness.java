package dev.leakwatch.agent.watch;

import dev.leakwatch.agent.config.AgentConfig;
import dev.leakwatch.agent.findings.FindingsRepository;
import dev.leakwatch.agent.metrics.MetricsRegistry;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import dev.leakwatch.agent.store.SeriesStore;
import dev.leakwatch.agent.store.StoreLimits;
import dev.leakwatch.jvm.proc.ProcessStart;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** A leak watch on a synthetic store, with a clock, process table and log the test controls. */
final class WatchHarness {
    static final long T0 = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    static final Duration STEP = Duration.ofSeconds(15);
    static final long SELF_PID = 9;

    final SeriesStore store = new SeriesStore(new StoreLimits(10_000, 1_000, Duration.ofDays(1), 240, 1_000,
            new HashSet<>(AgentConfig.History.DEFAULT_METRICS)));
    final MetricsRegistry registry = new MetricsRegistry();
    final MutableClock clock = new MutableClock(T0);
    final Map<Long, ProcessStart> alive = new ConcurrentHashMap<>();
    final List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    final FindingsRepository findings;
    final LeakWatch watch;
    private final Logger logger = Logger.getLogger(LeakWatch.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            log.add(r.getLevel() + " " + r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    WatchHarness(AgentConfig.LeakWatch settings, FindingsRepository findings, EvidenceCapture capture) {
        this.findings = findings;
        logger.addHandler(handler);
        watch = new LeakWatch(store, registry, settings, findings, pid -> Optional.ofNullable(alive.get(pid)), SELF_PID,
                new ProcessStart(1, Instant.ofEpochMilli(T0)), 0, capture, clock);
    }

    static AgentConfig.LeakWatch settings(boolean capture, Duration perProcess, int perHour) {
        return new AgentConfig.LeakWatch(true, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                new AgentConfig.Capture(capture, Duration.ofSeconds(60), perProcess, perHour));
    }

    static AgentConfig.LeakWatch defaults() {
        return settings(true, Duration.ofMinutes(30), 4);
    }

    /** A process started at {@link #T0} with start ticks = pid * 10. */
    void startProcess(long pid) {
        alive.put(pid, new ProcessStart(pid * 10, Instant.ofEpochMilli(T0)));
    }

    void write(String metric, Labels labels, double value, long timeMillis) {
        store.set(MetricDescriptor.gauge(metric, metric), labels, value, timeMillis);
    }

    static Labels jvm(long pid, String name) {
        return Labels.of("pid", Long.toString(pid), "process", name);
    }

    /** Readings every 15 s from T0 to T0 + duration: value(i) for the i-th reading. */
    void series(String metric, Labels labels, Duration duration, java.util.function.IntToDoubleFunction value) {
        for (int i = 0; (long) i * STEP.toMillis() <= duration.toMillis(); i++) {
            write(metric, labels, value.applyAsDouble(i), T0 + i * STEP.toMillis());
        }
    }

    /** Sets the clock to T0 + at and runs the watch once. */
    void runAt(Duration at) {
        clock.set(T0 + at.toMillis());
        watch.runOnce();
    }

    /** The value of a gauge data point whose labels include all the given pairs, if exported. */
    OptionalDouble gauge(String name, String... labelPairs) {
        String family = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
        for (MetricSnapshot s : registry.scrape()) {
            if (!s.getMetadata().getPrometheusName().equals(family)) {
                continue;
            }
            for (DataPointSnapshot p : s.getDataPoints()) {
                if (matches(p, labelPairs)) {
                    if (p instanceof GaugeSnapshot.GaugeDataPointSnapshot g) {
                        return OptionalDouble.of(g.getValue());
                    }
                    if (p instanceof CounterSnapshot.CounterDataPointSnapshot c) {
                        return OptionalDouble.of(c.getValue());
                    }
                }
            }
        }
        return OptionalDouble.empty();
    }

    /** Label names of every data point of a metric. */
    List<Set<String>> labelNames(String name) {
        List<Set<String>> out = new ArrayList<>();
        for (MetricSnapshot s : registry.scrape()) {
            if (s.getMetadata().getPrometheusName().equals(name)) {
                for (DataPointSnapshot p : s.getDataPoints()) {
                    Set<String> names = new HashSet<>();
                    p.getLabels().forEach(l -> names.add(l.getName()));
                    out.add(names);
                }
            }
        }
        return out;
    }

    List<String> logLines(String text) {
        return log.stream().filter(l -> l.contains(text)).toList();
    }

    private static boolean matches(DataPointSnapshot p, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(p.getLabels().get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Stops the watch (its capture thread) and detaches the log handler. */
    void close() throws InterruptedException {
        watch.stop();
        logger.removeHandler(handler);
    }

    /** A clock the test sets. */
    static final class MutableClock extends Clock {
        private volatile long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        void set(long value) {
            millis = value;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}
