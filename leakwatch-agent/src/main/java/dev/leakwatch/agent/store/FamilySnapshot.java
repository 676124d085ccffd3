package dev.leakwatch.agent.store;

import java.util.List;

/**
 * A metric and the current points of its live series, as read by the exporters.
 *
 * @param points in no particular order
 */
public record FamilySnapshot(MetricDescriptor descriptor, List<Point> points) {

    /**
     * One series' latest value.
     *
     * @param timeMillis when the value was written
     */
    public record Point(Labels labels, double value, long timeMillis) {}
}
