package dev.leakwatch.jvm.attach;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServerConnection;

/**
 * The target's platform MXBeans (proxies over the JMX connection, created once) and the readings
 * made from them. Every method here is an MXBean read: no GC, no safepoint. Proxy calls wrap
 * connection failures in unchecked exceptions; {@link JvmConnection} turns them back into IOException.
 */
final class PlatformBeans {

    /** {@code MaxMetaspaceSize} defaults to the largest unsigned value; anything this large means no limit. */
    private static final long UNLIMITED_THRESHOLD = 1L << 62;

    private final RuntimeMXBean runtime;
    private final MemoryMXBean memory;
    private final ThreadMXBean threads;
    private final ClassLoadingMXBean classLoading;
    private final HotSpotDiagnosticMXBean hotSpot;
    private final List<MemoryPoolMXBean> pools;
    private final List<BufferPoolMXBean> bufferPools;

    PlatformBeans(MBeanServerConnection server) throws IOException {
        this.runtime = ManagementFactory.getPlatformMXBean(server, RuntimeMXBean.class);
        this.memory = ManagementFactory.getPlatformMXBean(server, MemoryMXBean.class);
        this.threads = ManagementFactory.getPlatformMXBean(server, ThreadMXBean.class);
        this.classLoading = ManagementFactory.getPlatformMXBean(server, ClassLoadingMXBean.class);
        this.hotSpot = ManagementFactory.getPlatformMXBean(server, HotSpotDiagnosticMXBean.class);
        this.pools = ManagementFactory.getPlatformMXBeans(server, MemoryPoolMXBean.class);
        this.bufferPools = ManagementFactory.getPlatformMXBeans(server, BufferPoolMXBean.class);
    }

    ThreadMXBean threads() {
        return threads;
    }

    JvmInfo info(long pid) {
        Map<String, String> properties = runtime.getSystemProperties();
        return new JvmInfo(pid, properties.getOrDefault("java.version", runtime.getSpecVersion()),
                runtime.getVmName(), runtime.getVmVendor(), runtime.getVmVersion(), runtime.getInputArguments(),
                properties.getOrDefault("sun.java.command", ""), runtime.getStartTime());
    }

    /** Names of the heap pools, in the JVM's order. */
    List<String> heapPoolNames() {
        List<String> names = new ArrayList<>();
        for (MemoryPoolMXBean pool : pools) {
            if (pool.getType() == MemoryType.HEAP) {
                names.add(pool.getName());
            }
        }
        return names;
    }

    JvmLimits limits() {
        long maxHeap = unsignedFlag("MaxHeapSize");
        long maxMetaspace = unsignedFlag("MaxMetaspaceSize");
        long maxDirect = unsignedFlag("MaxDirectMemorySize");
        boolean metaspaceUnlimited = maxMetaspace < 0 || maxMetaspace >= UNLIMITED_THRESHOLD;
        // 0 (not set) lets direct buffers take as much as the heap may (VM.maxDirectMemory()).
        boolean directDefaulted = maxDirect <= 0;
        return new JvmLimits(maxHeap, metaspaceUnlimited ? JvmLimits.UNLIMITED : maxMetaspace,
                directDefaulted ? maxHeap : maxDirect, directDefaulted);
    }

    /** The flag as an unsigned number; values beyond a long come out negative, -1 if not a number. */
    private long unsignedFlag(String name) {
        String value = hotSpot.getVMOption(name).getValue();
        try {
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    MemoryReadings readMemory() {
        long now = System.currentTimeMillis();
        MemoryUsage heap = memory.getHeapMemoryUsage();
        List<MemoryReadings.PoolReading> poolReadings = new ArrayList<>();
        long metaspaceUsed = -1;
        long metaspaceCommitted = -1;
        for (MemoryPoolMXBean pool : pools) {
            MemoryUsage usage = pool.getUsage();
            if (usage == null) {
                continue; // the pool became invalid (its memory manager was removed)
            }
            MemoryUsage afterGc = pool.getCollectionUsage();
            poolReadings.add(new MemoryReadings.PoolReading(pool.getName(), pool.getType() == MemoryType.HEAP,
                    usage.getUsed(), usage.getCommitted(), usage.getMax(), afterGc == null ? -1 : afterGc.getUsed()));
            if (pool.getName().equals("Metaspace")) {
                metaspaceUsed = usage.getUsed();
                metaspaceCommitted = usage.getCommitted();
            }
        }
        return new MemoryReadings(now, heap.getUsed(), heap.getCommitted(), heap.getMax(), poolReadings,
                metaspaceUsed, metaspaceCommitted, classLoading.getLoadedClassCount(),
                classLoading.getTotalLoadedClassCount(), classLoading.getUnloadedClassCount(),
                bufferPool("direct"), bufferPool("mapped"),
                threads.getThreadCount(), threads.getDaemonThreadCount(), threads.getPeakThreadCount());
    }

    private MemoryReadings.BufferPoolReading bufferPool(String name) {
        for (BufferPoolMXBean pool : bufferPools) {
            if (pool.getName().equals(name)) {
                return new MemoryReadings.BufferPoolReading(pool.getCount(), pool.getMemoryUsed(), pool.getTotalCapacity());
            }
        }
        return MemoryReadings.BufferPoolReading.ABSENT;
    }
}
