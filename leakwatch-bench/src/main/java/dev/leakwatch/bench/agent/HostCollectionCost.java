package dev.leakwatch.bench.agent;

import dev.leakwatch.agent.collect.Collector;
import dev.leakwatch.agent.collect.MetricSink;
import dev.leakwatch.agent.collect.SelfCollector;
import dev.leakwatch.agent.collect.host.CpuCollector;
import dev.leakwatch.agent.collect.host.DiskStatsCollector;
import dev.leakwatch.agent.collect.host.FileFdCollector;
import dev.leakwatch.agent.collect.host.FilesystemCollector;
import dev.leakwatch.agent.collect.host.HostPaths;
import dev.leakwatch.agent.collect.host.LoadAvgCollector;
import dev.leakwatch.agent.collect.host.MemInfoCollector;
import dev.leakwatch.agent.collect.host.NetDevCollector;
import dev.leakwatch.agent.collect.host.StatCollector;
import dev.leakwatch.agent.config.AgentConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/**
 * CPU time per collection of each host collector, reading /proc directly (what the agent does)
 * and through OSHI for the same figures, on this machine. Thread CPU time, after warm-up.
 * {@code java -XX:+UseSerialGC -cp <bench classpath> dev.leakwatch.bench.agent.HostCollectionCost [runs] [oshiRuns]}.
 */
public final class HostCollectionCost {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MetricSink DISCARD = (metric, labels, value) -> { };

    private HostCollectionCost() {}

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int oshiRuns = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        HostPaths paths = HostPaths.system();
        Map<String, Collector> direct = new LinkedHashMap<>();
        direct.put("cpu", new CpuCollector(paths));
        direct.put("stat", new StatCollector(paths));
        direct.put("meminfo", new MemInfoCollector(paths));
        direct.put("loadavg", new LoadAvgCollector(paths));
        direct.put("filesystem", new FilesystemCollector(paths,
                Pattern.compile(AgentConfig.Host.DEFAULT_MOUNT_POINTS_EXCLUDE),
                Pattern.compile(AgentConfig.Host.DEFAULT_FS_TYPES_EXCLUDE)));
        direct.put("diskstats", new DiskStatsCollector(paths, Pattern.compile(AgentConfig.Host.DEFAULT_DISK_DEVICES_EXCLUDE)));
        direct.put("netdev", new NetDevCollector(paths, Pattern.compile(AgentConfig.Host.DEFAULT_NET_DEVICES_EXCLUDE)));
        direct.put("filefd", new FileFdCollector(paths));
        direct.put("self", new SelfCollector());

        long t0 = THREADS.getCurrentThreadCpuTime();
        SystemInfo si = new SystemInfo();
        HardwareAbstractionLayer hal = si.getHardware();
        OperatingSystem os = si.getOperatingSystem();
        CentralProcessor cpu = hal.getProcessor();
        long oshiInit = THREADS.getCurrentThreadCpuTime() - t0;
        Map<String, Work> oshi = new LinkedHashMap<>();
        oshi.put("cpu", cpu::getProcessorCpuLoadTicks);
        oshi.put("stat", () -> {
            cpu.getContextSwitches();
            cpu.getInterrupts();
            os.getProcessCount();
        });
        oshi.put("meminfo", () -> {
            var m = hal.getMemory();
            m.getTotal();
            m.getAvailable();
            m.getVirtualMemory().getSwapTotal();
            m.getVirtualMemory().getSwapUsed();
        });
        oshi.put("loadavg", () -> cpu.getSystemLoadAverage(3));
        oshi.put("filesystem", () -> {
            for (OSFileStore fs : os.getFileSystem().getFileStores(true)) {
                fs.getTotalSpace();
                fs.getUsableSpace();
                fs.getFreeSpace();
            }
        });
        oshi.put("diskstats", () -> {
            for (HWDiskStore d : hal.getDiskStores()) {
                d.getReadBytes();
                d.getWriteBytes();
            }
        });
        oshi.put("netdev", () -> {
            for (NetworkIF n : hal.getNetworkIFs()) {
                n.getBytesRecv();
                n.getBytesSent();
            }
        });
        oshi.put("filefd", () -> {
            os.getFileSystem().getOpenFileDescriptors();
            os.getFileSystem().getMaxFileDescriptors();
        });

        // OSHI memoizes most readings for 300 ms; a collection every interval never hits that
        // cache, so its side is measured with the calls spaced 350 ms apart.
        Map<String, Double> oshiMicros = spacedCpuMicros(oshi, oshiRuns);
        System.out.printf("OSHI start-up (SystemInfo, HAL, processor): %.1f ms CPU%n", oshiInit / 1e6);
        System.out.printf("%-11s %14s %14s%n", "collector", "/proc (us)", "OSHI (us)");
        double totalDirect = 0;
        double totalOshi = 0;
        for (Map.Entry<String, Collector> e : direct.entrySet()) {
            Collector c = e.getValue();
            double d = cpuMicros(() -> c.collect(DISCARD), runs);
            Double w = oshiMicros.get(e.getKey());
            if (w != null) {
                totalDirect += d;
                totalOshi += w;
            }
            System.out.printf("%-11s %14.1f %14s%n", e.getKey(), d, w == null ? "-" : String.format("%.1f", w));
        }
        System.out.printf("%-11s %14.1f %14.1f%n", "host total", totalDirect, totalOshi);
    }

    private static Map<String, Double> spacedCpuMicros(Map<String, Work> works, int runs) throws Exception {
        Map<String, Long> nanos = new LinkedHashMap<>();
        for (int r = -3; r < runs; r++) {
            Thread.sleep(350);
            for (Map.Entry<String, Work> w : works.entrySet()) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                w.getValue().run();
                long took = THREADS.getCurrentThreadCpuTime() - t0;
                if (r >= 0) {
                    nanos.merge(w.getKey(), took, Long::sum);
                }
            }
        }
        Map<String, Double> micros = new LinkedHashMap<>();
        nanos.forEach((k, v) -> micros.put(k, v / 1e3 / runs));
        return micros;
    }

    private static double cpuMicros(Work work, int runs) throws Exception {
        for (int i = 0; i < Math.max(50, runs / 10); i++) {
            work.run();
        }
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < runs; i++) {
            work.run();
        }
        return (THREADS.getCurrentThreadCpuTime() - t0) / 1e3 / runs;
    }
}
