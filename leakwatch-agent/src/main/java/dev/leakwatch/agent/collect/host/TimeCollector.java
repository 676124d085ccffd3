package dev.leakwatch.agent.collect.host;

import dev.leakwatch.agent.collect.Collector;
import dev.leakwatch.agent.collect.MetricSink;
import dev.leakwatch.agent.store.MetricDescriptor;
import java.time.Clock;

/** {@code node_time_seconds}: the host's clock, to spot skew against the scraper's. */
public final class TimeCollector implements Collector {
    static final MetricDescriptor TIME = MetricDescriptor.gauge("node_time_seconds",
            "System time in seconds since epoch (1970).");

    private final Clock clock;

    public TimeCollector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void collect(MetricSink out) {
        out.set(TIME, clock.millis() / 1000.0);
    }
}
