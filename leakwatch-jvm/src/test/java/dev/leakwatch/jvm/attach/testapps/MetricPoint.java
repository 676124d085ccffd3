package dev.leakwatch.jvm.attach.testapps;

/** One metric reading, the kind of object a metric cache leaks. */
public final class MetricPoint {
    final long timestamp;
    final double value;
    final byte[] labels;

    MetricPoint(long timestamp, double value) {
        this.timestamp = timestamp;
        this.value = value;
        this.labels = new byte[48];
    }
}
