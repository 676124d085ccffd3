package dev.leakwatch.agent.store;

/** Identifies one series: a metric name and its labels. */
public record SeriesKey(String metric, Labels labels) {
    @Override
    public String toString() {
        return metric + labels;
    }
}
