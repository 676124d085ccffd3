package dev.leakwatch.agent.collect.host;

import dev.leakwatch.agent.collect.Collector;
import dev.leakwatch.agent.collect.MetricSink;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import java.util.regex.Pattern;

/** Network interface counters from {@code /proc/net/dev}: {@code node_network_{receive,transmit}_*_total{device}}. */
public final class NetDevCollector implements Collector {
    private static final MetricDescriptor[] METRICS = new MetricDescriptor[16];

    static {
        for (int i = 0; i < 8; i++) {
            String r = NetDev.RECEIVE.get(i);
            String t = NetDev.TRANSMIT.get(i);
            METRICS[i] = MetricDescriptor.counter("node_network_receive_" + r + "_total",
                    "Network device statistic receive_" + r + ".");
            METRICS[8 + i] = MetricDescriptor.counter("node_network_transmit_" + t + "_total",
                    "Network device statistic transmit_" + t + ".");
        }
    }

    private final HostPaths paths;
    private final Pattern exclude;

    public NetDevCollector(HostPaths paths, Pattern exclude) {
        this.paths = paths;
        this.exclude = exclude;
    }

    @Override
    public void collect(MetricSink out) throws Exception {
        for (NetDev.Interface i : NetDev.parse(ProcText.read(paths.proc().resolve("net").resolve("dev")))) {
            if (exclude.matcher(i.name()).find()) {
                continue;
            }
            Labels labels = Labels.of("device", i.name());
            for (int c = 0; c < 16; c++) {
                out.set(METRICS[c], labels, i.counters()[c]);
            }
        }
    }
}
