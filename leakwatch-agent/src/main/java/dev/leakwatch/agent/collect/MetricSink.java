package dev.leakwatch.agent.collect;

import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;

/** Where a collector writes what it read; every value of one run gets the run's timestamp. */
public interface MetricSink {

    /** Sets a gauge's value or a counter's running total. */
    void set(MetricDescriptor metric, Labels labels, double value);

    default void set(MetricDescriptor metric, double value) {
        set(metric, Labels.EMPTY, value);
    }
}
