package dev.leakwatch.agent.collect;

import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import java.util.LinkedHashMap;
import java.util.Map;

/** A sink that keeps what a collector wrote, keyed as {@code name{labels}}, for assertions. */
public final class RecordingSink implements MetricSink {
    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Map<String, MetricDescriptor> descriptors = new LinkedHashMap<>();

    @Override
    public void set(MetricDescriptor metric, Labels labels, double value) {
        String key = metric.name() + labels;
        if (values.put(key, value) != null) {
            throw new AssertionError("written twice in one run: " + key);
        }
        descriptors.put(metric.name(), metric);
    }

    /** The value of {@code name{labels}}, e.g. {@code node_load1{}}; fails when absent. */
    public double value(String key) {
        Double v = values.get(key);
        if (v == null) {
            throw new AssertionError("no " + key + " in " + values.keySet());
        }
        return v;
    }

    public Map<String, Double> values() {
        return values;
    }

    public MetricDescriptor descriptor(String name) {
        return descriptors.get(name);
    }
}
