package dev.leakwatch.agent.store;

/** How a metric's value behaves. */
public enum MetricType {
    /** A value that goes up and down. */
    GAUGE,
    /** A monotonically increasing total; its name ends in {@code _total}. */
    COUNTER,
    /** The observation count of a summary without quantiles; name ends in {@code _count}. */
    SUMMARY_COUNT,
    /** The observation sum of a summary without quantiles; name ends in {@code _sum}. */
    SUMMARY_SUM
}
