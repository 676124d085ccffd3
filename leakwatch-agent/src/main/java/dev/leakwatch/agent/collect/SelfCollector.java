package dev.leakwatch.agent.collect;

import com.sun.management.UnixOperatingSystemMXBean;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The agent watching itself: its heap after GC (the lower envelope a leak raises), threads,
 * open fds, RSS, direct memory, metaspace and CPU, as {@code leakwatch_agent_*}. These series
 * keep a history by default, so the leak watch trends them like any other process.
 */
public final class SelfCollector implements Collector {
    static final MetricDescriptor HEAP_AFTER_GC = MetricDescriptor.gauge("leakwatch_agent_heap_after_gc_bytes",
            "The agent's heap in use right after the last collection of each pool (the lower envelope).");
    static final MetricDescriptor HEAP_USED = MetricDescriptor.gauge("leakwatch_agent_heap_used_bytes",
            "The agent's heap in use now.");
    static final MetricDescriptor HEAP_MAX = MetricDescriptor.gauge("leakwatch_agent_heap_max_bytes",
            "The agent's maximum heap (-Xmx).");
    static final MetricDescriptor THREADS = MetricDescriptor.gauge("leakwatch_agent_threads",
            "The agent's live threads.");
    static final MetricDescriptor OPEN_FDS = MetricDescriptor.gauge("leakwatch_agent_open_fds",
            "The agent's open file descriptors.");
    static final MetricDescriptor MAX_FDS = MetricDescriptor.gauge("leakwatch_agent_max_fds",
            "The agent's file descriptor limit.");
    static final MetricDescriptor RSS = MetricDescriptor.gauge("leakwatch_agent_resident_memory_bytes",
            "The agent's resident set size.");
    static final MetricDescriptor CPU = MetricDescriptor.counter("leakwatch_agent_cpu_seconds_total",
            "CPU time the agent used.");
    static final MetricDescriptor DIRECT = MetricDescriptor.gauge("leakwatch_agent_direct_memory_bytes",
            "The agent's direct (off-heap) buffer memory.");
    static final MetricDescriptor METASPACE = MetricDescriptor.gauge("leakwatch_agent_metaspace_used_bytes",
            "The agent's metaspace in use.");
    static final MetricDescriptor GC_COUNT = MetricDescriptor.counter("leakwatch_agent_gc_collections_total",
            "Collections of the agent's heap, by collector.");
    static final MetricDescriptor GC_TIME = MetricDescriptor.counter("leakwatch_agent_gc_seconds_total",
            "Time the agent's collectors took, by collector.");

    private final List<MemoryPoolMXBean> pools;
    private final List<GarbageCollectorMXBean> collectors;
    private final List<BufferPoolMXBean> buffers;
    private final ThreadMXBean threads;
    private final OperatingSystemMXBean os;
    private final Path procSelfStatus;

    public SelfCollector() {
        this(ManagementFactory.getMemoryPoolMXBeans(), ManagementFactory.getGarbageCollectorMXBeans(),
                ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class), ManagementFactory.getThreadMXBean(),
                ManagementFactory.getOperatingSystemMXBean(), Path.of("/proc/self/status"));
    }

    /** For testing: the beans and the status file. */
    SelfCollector(List<MemoryPoolMXBean> pools, List<GarbageCollectorMXBean> collectors,
            List<BufferPoolMXBean> buffers, ThreadMXBean threads, OperatingSystemMXBean os, Path procSelfStatus) {
        this.pools = pools;
        this.collectors = collectors;
        this.buffers = buffers;
        this.threads = threads;
        this.os = os;
        this.procSelfStatus = procSelfStatus;
    }

    @Override
    public void collect(MetricSink out) throws IOException {
        long afterGc = 0;
        long used = 0;
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getType() == MemoryType.HEAP) {
                MemoryUsage after = pool.getCollectionUsage();
                afterGc += after == null ? 0 : after.getUsed();
                MemoryUsage now = pool.getUsage();
                used += now.getUsed();
            } else if (pool.getName().equals("Metaspace")) {
                out.set(METASPACE, pool.getUsage().getUsed());
            }
        }
        out.set(HEAP_AFTER_GC, afterGc);
        out.set(HEAP_USED, used);
        out.set(HEAP_MAX, Runtime.getRuntime().maxMemory());
        out.set(THREADS, threads.getThreadCount());
        for (BufferPoolMXBean b : buffers) {
            if (b.getName().equals("direct")) {
                out.set(DIRECT, b.getMemoryUsed());
            }
        }
        for (GarbageCollectorMXBean gc : collectors) {
            Labels labels = Labels.of("gc", gc.getName());
            out.set(GC_COUNT, labels, Math.max(0, gc.getCollectionCount()));
            out.set(GC_TIME, labels, Math.max(0, gc.getCollectionTime()) / 1000.0);
        }
        if (os instanceof UnixOperatingSystemMXBean unix) {
            out.set(OPEN_FDS, unix.getOpenFileDescriptorCount());
            out.set(MAX_FDS, unix.getMaxFileDescriptorCount());
            long cpuNanos = unix.getProcessCpuTime();
            if (cpuNanos >= 0) {
                out.set(CPU, cpuNanos / 1e9);
            }
        }
        String status;
        try (InputStream in = Files.newInputStream(procSelfStatus)) {
            status = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        long rss = residentBytes(status);
        if (rss >= 0) {
            out.set(RSS, rss);
        }
    }

    /** {@code VmRSS:  123 kB} of /proc/self/status, in bytes; -1 if absent. */
    static long residentBytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] f = line.substring(6).trim().split("\\s+");
                if (f.length == 2 && f[1].equals("kB") && f[0].matches("[0-9]{1,15}")) {
                    return Long.parseLong(f[0]) * 1024;
                }
            }
        }
        return -1;
    }
}
