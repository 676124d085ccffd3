package dev.leakwatch.agent.collect.host;

import dev.leakwatch.agent.collect.Collector;
import dev.leakwatch.agent.collect.MetricSink;
import dev.leakwatch.agent.store.MetricDescriptor;

/** {@code node_load1}, {@code node_load5}, {@code node_load15} from {@code /proc/loadavg}. */
public final class LoadAvgCollector implements Collector {
    static final MetricDescriptor LOAD1 = MetricDescriptor.gauge("node_load1", "1m load average.");
    static final MetricDescriptor LOAD5 = MetricDescriptor.gauge("node_load5", "5m load average.");
    static final MetricDescriptor LOAD15 = MetricDescriptor.gauge("node_load15", "15m load average.");

    private final HostPaths paths;

    public LoadAvgCollector(HostPaths paths) {
        this.paths = paths;
    }

    @Override
    public void collect(MetricSink out) throws Exception {
        double[] load = LoadAvg.parse(ProcText.read(paths.proc().resolve("loadavg")));
        out.set(LOAD1, load[0]);
        out.set(LOAD5, load[1]);
        out.set(LOAD15, load[2]);
    }
}
