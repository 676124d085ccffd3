package dev.leakwatch.agent.collect.host;

import dev.leakwatch.agent.collect.Collector;
import dev.leakwatch.agent.collect.MetricSink;
import dev.leakwatch.agent.store.MetricDescriptor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every {@code /proc/meminfo} field as {@code node_memory_<field>} (node_exporter's names). */
public final class MemInfoCollector implements Collector {
    /** The kernel has about 60 fields; more than this means a malformed file, not new fields. */
    private static final int MAX_FIELDS = 256;

    private final HostPaths paths;
    private final Map<String, MetricDescriptor> descriptors = new ConcurrentHashMap<>();

    public MemInfoCollector(HostPaths paths) {
        this.paths = paths;
    }

    @Override
    public void collect(MetricSink out) throws Exception {
        for (Map.Entry<String, Double> field : MemInfo.parse(ProcText.read(paths.proc().resolve("meminfo"))).entrySet()) {
            MetricDescriptor d = descriptors.get(field.getKey());
            if (d == null) {
                if (descriptors.size() >= MAX_FIELDS) {
                    continue;
                }
                d = descriptors.computeIfAbsent(field.getKey(), k -> MetricDescriptor.gauge("node_memory_" + k,
                        "Memory information field " + k + "."));
            }
            out.set(d, field.getValue());
        }
    }
}
