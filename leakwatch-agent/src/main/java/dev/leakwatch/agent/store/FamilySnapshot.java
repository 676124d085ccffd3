package dev.leakwatch.agent.store;

import java.util.List;

/**
 * A metric and the current points of its live series, as read by the exporters.
 *
 * @param points in label order (the Prometheus client's: names, then values)
 */
public record FamilySnapshot(MetricDescriptor descriptor, List<Point> points) {

    /**
     * One series' latest value.
     *
     * @param timeMillis when the value was written
     */
    public record Point(Labels labels, double value, long timeMillis) {}
}
