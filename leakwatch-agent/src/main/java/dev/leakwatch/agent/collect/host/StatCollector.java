package dev.leakwatch.agent.collect.host;

import dev.leakwatch.agent.collect.Collector;
import dev.leakwatch.agent.collect.MetricSink;
import dev.leakwatch.agent.store.MetricDescriptor;
import java.util.OptionalLong;

/** The kernel counters of {@code /proc/stat}, as node_exporter's stat collector names them. */
public final class StatCollector implements Collector {
    static final MetricDescriptor CONTEXT_SWITCHES = MetricDescriptor.counter("node_context_switches_total",
            "Total number of context switches.");
    static final MetricDescriptor FORKS = MetricDescriptor.counter("node_forks_total", "Total number of forks.");
    static final MetricDescriptor BOOT_TIME = MetricDescriptor.gauge("node_boot_time_seconds",
            "Node boot time, in unixtime.");
    static final MetricDescriptor RUNNING = MetricDescriptor.gauge("node_procs_running",
            "Number of processes in runnable state.");
    static final MetricDescriptor BLOCKED = MetricDescriptor.gauge("node_procs_blocked",
            "Number of processes blocked waiting for I/O to complete.");

    private final HostPaths paths;

    public StatCollector(HostPaths paths) {
        this.paths = paths;
    }

    @Override
    public void collect(MetricSink out) throws Exception {
        ProcStat stat = ProcStat.parse(ProcText.read(paths.proc().resolve("stat")));
        set(out, CONTEXT_SWITCHES, stat.contextSwitches());
        set(out, FORKS, stat.forks());
        set(out, BOOT_TIME, stat.bootTime());
        set(out, RUNNING, stat.procsRunning());
        set(out, BLOCKED, stat.procsBlocked());
    }

    private static void set(MetricSink out, MetricDescriptor metric, OptionalLong value) {
        if (value.isPresent()) {
            out.set(metric, value.getAsLong());
        }
    }
}
