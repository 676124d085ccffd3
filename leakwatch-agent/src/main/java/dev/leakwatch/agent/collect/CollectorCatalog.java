package dev.leakwatch.agent.collect;

import dev.leakwatch.agent.collect.host.CpuCollector;
import dev.leakwatch.agent.collect.host.DiskStatsCollector;
import dev.leakwatch.agent.collect.host.FileFdCollector;
import dev.leakwatch.agent.collect.host.FilesystemCollector;
import dev.leakwatch.agent.collect.host.HostPaths;
import dev.leakwatch.agent.collect.host.LoadAvgCollector;
import dev.leakwatch.agent.collect.host.MemInfoCollector;
import dev.leakwatch.agent.collect.host.NetDevCollector;
import dev.leakwatch.agent.collect.host.StatCollector;
import dev.leakwatch.agent.collect.host.TimeCollector;
import dev.leakwatch.agent.config.AgentConfig;
import dev.leakwatch.jvm.perfdata.JvmDiscovery;
import dev.leakwatch.jvm.proc.ProcFs;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Every collector the agent has, registered here and nowhere else, with its schedule from the config. */
public final class CollectorCatalog {
    private CollectorCatalog() {}

    /** The enabled collectors for a configuration. */
    public static List<CollectorSpec> forConfig(AgentConfig config) {
        List<CollectorSpec> specs = new ArrayList<>();
        AgentConfig.Host host = config.collectors().host();
        if (host.schedule().enabled()) {
            HostPaths paths = new HostPaths(host.procPath(), host.sysPath(), host.rootfsPath());
            add(specs, "cpu", host.schedule(), new CpuCollector(paths));
            add(specs, "stat", host.schedule(), new StatCollector(paths));
            add(specs, "meminfo", host.schedule(), new MemInfoCollector(paths));
            add(specs, "loadavg", host.schedule(), new LoadAvgCollector(paths));
            add(specs, "filesystem", host.schedule(),
                    new FilesystemCollector(paths, host.mountPointsExclude(), host.fsTypesExclude()));
            add(specs, "diskstats", host.schedule(), new DiskStatsCollector(paths, host.diskDevicesExclude()));
            add(specs, "netdev", host.schedule(), new NetDevCollector(paths, host.netDevicesExclude()));
            add(specs, "filefd", host.schedule(), new FileFdCollector(paths));
            add(specs, "time", host.schedule(), new TimeCollector(Clock.systemUTC()));
        }
        AgentConfig.Schedule self = config.collectors().self();
        if (self.enabled()) {
            add(specs, "self", self, new SelfCollector());
        }
        ProcFs proc = ProcFs.of(host.procPath(), host.sysPath());
        JvmDiscovery discovery = new JvmDiscovery(host.procPath(), config.collectors().jvms().tmpPath());
        AgentConfig.Processes processes = config.collectors().processes();
        AgentConfig.Schedule jvms = config.collectors().jvms().schedule();
        // Both collectors fall due together (one batch a round): the second reuses the first's
        // discovery. Half the shorter interval keeps the list fresh for the next round.
        Duration shorter = processes.schedule().interval().compareTo(jvms.interval()) < 0
                ? processes.schedule().interval() : jvms.interval();
        SharedJvmList jvmList = new SharedJvmList(discovery::list, shorter.dividedBy(2));
        if (processes.schedule().enabled() && (processes.allJvms() || !processes.watch().isEmpty())) {
            add(specs, "processes", processes.schedule(),
                    new ProcessCollector(proc, jvmList, processes.allJvms(), processes.watch()));
        }
        if (jvms.enabled()) {
            add(specs, "jvms", jvms, new JvmCollector(jvmList, proc));
        }
        return specs;
    }

    private static void add(List<CollectorSpec> specs, String name, AgentConfig.Schedule schedule, Collector c) {
        specs.add(new CollectorSpec(name, schedule.interval(), schedule.timeout(), c));
    }
}
