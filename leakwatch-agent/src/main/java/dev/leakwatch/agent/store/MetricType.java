package dev.leakwatch.agent.store;

/** How a metric's value behaves. */
public enum MetricType {
    /** A value that goes up and down. */
    GAUGE,
    /** A monotonically increasing total; its name ends in {@code _total}. */
    COUNTER
}
