package dev.leakwatch.agent.collect.host;

import dev.leakwatch.agent.collect.Collector;
import dev.leakwatch.agent.collect.MetricSink;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;

/** {@code node_cpu_seconds_total{cpu,mode}} and {@code node_cpu_guest_seconds_total} from {@code /proc/stat}. */
public final class CpuCollector implements Collector {
    static final MetricDescriptor SECONDS = MetricDescriptor.counter("node_cpu_seconds_total",
            "Seconds the CPUs spent in each mode.");
    static final MetricDescriptor GUEST = MetricDescriptor.counter("node_cpu_guest_seconds_total",
            "Seconds the CPUs spent in guests (VMs) for each mode.");

    private final HostPaths paths;

    public CpuCollector(HostPaths paths) {
        this.paths = paths;
    }

    @Override
    public void collect(MetricSink out) throws Exception {
        ProcStat stat = ProcStat.parse(ProcText.read(paths.proc().resolve("stat")));
        for (ProcStat.CpuTimes cpu : stat.cpus()) {
            for (int i = 0; i < ProcStat.MODES.size(); i++) {
                if (cpu.ticks()[i] >= 0) {
                    out.set(SECONDS, Labels.of("cpu", cpu.cpu(), "mode", ProcStat.MODES.get(i)),
                            cpu.ticks()[i] / ProcStat.USER_HZ);
                }
            }
            if (cpu.guest() >= 0) {
                out.set(GUEST, Labels.of("cpu", cpu.cpu(), "mode", "user"), cpu.guest() / ProcStat.USER_HZ);
            }
            if (cpu.guestNice() >= 0) {
                out.set(GUEST, Labels.of("cpu", cpu.cpu(), "mode", "nice"), cpu.guestNice() / ProcStat.USER_HZ);
            }
        }
    }
}
