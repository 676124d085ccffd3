package dev.leakwatch.agent.watch;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/**
 * The leak watch's metrics. The per-process gauges ({@code leakwatch_leak_suspected},
 * {@code leakwatch_leak_growth_per_minute}) are a snapshot the watch publishes after every run,
 * so a process that exited disappears from them at once; the counters count what the watch did
 * and refused.
 */
final class LeakWatchMetrics implements MultiCollector {
    static final String SUSPECTED = "leakwatch_leak_suspected";
    static final String GROWTH = "leakwatch_leak_growth_per_minute";

    /**
     * One exported (process, resource).
     *
     * @param growthPerMinute the latest fitted slope, NaN before the first verdict
     */
    record Row(long pid, String process, String resource, String unit, boolean suspected, double growthPerMinute) {}

    final Counter captures;
    final Counter capturesSkipped;
    final Counter transitions;
    final Counter saveFailures;
    final Gauge processes;
    final Counter runsSkipped;
    final Counter runs;
    final Gauge enabled;
    final Gauge runDuration;
    final Gauge captureRunning;
    private volatile List<Row> rows = List.of();

    LeakWatchMetrics(PrometheusRegistry registry) {
        captures = Counter.builder().name("leakwatch_leak_captures_total")
                .help("Evidence captures finished, by outcome (completed, failed).")
                .labelNames("outcome").withoutExemplars().register(registry);
        capturesSkipped = Counter.builder().name("leakwatch_leak_captures_skipped_total")
                .help("Wanted evidence captures that did not run, by reason (busy, process_budget, global_budget,"
                        + " disabled, self); counted once per suspicion and reason.")
                .labelNames("reason").withoutExemplars().register(registry);
        transitions = Counter.builder().name("leakwatch_leak_state_changes_total")
                .help("Leak state changes of a process's resource, by the state entered.")
                .labelNames("state").withoutExemplars().register(registry);
        saveFailures = Counter.builder().name("leakwatch_leak_findings_save_failures_total")
                .help("Findings that could not be stored (logged).").withoutExemplars().register(registry);
        runsSkipped = Counter.builder().name("leakwatch_leak_watch_runs_skipped_total")
                .help("Leak watch runs skipped because the previous one was still busy, or abandoned at their timeout.")
                .withoutExemplars().register(registry);
        runs = Counter.builder().name("leakwatch_leak_watch_runs_total")
                .help("Leak watch evaluations finished.").withoutExemplars().register(registry);
        enabled = Gauge.builder().name("leakwatch_leak_watch_enabled")
                .help("1 while the leak watch evaluates (leak_watch.enabled), 0 while it is disabled.")
                .withoutExemplars().register(registry);
        runDuration = Gauge.builder().name("leakwatch_leak_watch_duration_seconds")
                .help("How long the last leak watch run took.").withoutExemplars().register(registry);
        processes = Gauge.builder().name("leakwatch_leak_watch_processes")
                .help("Processes the leak watch evaluated in its last run (the agent included).")
                .withoutExemplars().register(registry);
        captureRunning = Gauge.builder().name("leakwatch_leak_capture_running")
                .help("1 while an evidence capture runs (at most one at a time).")
                .withoutExemplars().register(registry);
        for (SkipReason r : SkipReason.values()) {
            capturesSkipped.labelValues(r.label());
        }
        captures.labelValues("completed");
        captures.labelValues("failed");
    }

    /** Replaces the per-process rows. */
    void publish(List<Row> value) {
        rows = List.copyOf(value);
    }

    List<Row> rows() {
        return rows;
    }

    @Override
    public MetricSnapshots collect() {
        List<Row> current = rows;
        List<GaugeSnapshot.GaugeDataPointSnapshot> suspected = new ArrayList<>(current.size());
        List<GaugeSnapshot.GaugeDataPointSnapshot> growth = new ArrayList<>(current.size());
        for (Row r : current) {
            Labels l = Labels.of("pid", Long.toString(r.pid()), "process", r.process(), "resource", r.resource());
            suspected.add(new GaugeSnapshot.GaugeDataPointSnapshot(r.suspected() ? 1 : 0, l, null));
            if (!Double.isNaN(r.growthPerMinute())) {
                growth.add(new GaugeSnapshot.GaugeDataPointSnapshot(r.growthPerMinute(), l.add("unit", r.unit()), null));
            }
        }
        return new MetricSnapshots(
                new GaugeSnapshot(new MetricMetadata(SUSPECTED,
                        "1 while a resource of the process is suspected to leak or leaks, else 0."), suspected),
                new GaugeSnapshot(new MetricMetadata(GROWTH,
                        "Fitted growth of the resource over the leak watch's window, in unit per minute."), growth));
    }
}
