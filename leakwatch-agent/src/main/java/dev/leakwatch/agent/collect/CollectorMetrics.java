package dev.leakwatch.agent.collect;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The collector framework's own metrics, registered once per agent (runners come and go on
 * reload; these stay).
 */
public final class CollectorMetrics {
    final Gauge success;
    final Gauge duration;
    final Counter skipped;
    final Counter timeouts;
    final Gauge series;

    public CollectorMetrics(PrometheusRegistry registry) {
        success = Gauge.builder().name("leakwatch_collector_success")
                .help("1 if the collector's last run succeeded, 0 if it failed or timed out.")
                .labelNames("collector").withoutExemplars().register(registry);
        duration = Gauge.builder().name("leakwatch_collector_duration_seconds")
                .help("How long the collector's last run took.")
                .labelNames("collector").withoutExemplars().register(registry);
        skipped = Counter.builder().name("leakwatch_collector_skipped_total")
                .help("Runs skipped because the previous run of the collector was still busy.")
                .labelNames("collector").withoutExemplars().register(registry);
        timeouts = Counter.builder().name("leakwatch_collector_timeouts_total")
                .help("Runs abandoned after exceeding the collector's timeout.")
                .labelNames("collector").withoutExemplars().register(registry);
        series = Gauge.builder().name("leakwatch_collector_series")
                .help("Values the collector's last run wrote.")
                .labelNames("collector").withoutExemplars().register(registry);
    }
}
