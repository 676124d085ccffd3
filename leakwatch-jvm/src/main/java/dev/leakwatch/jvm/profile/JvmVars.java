package dev.leakwatch.jvm.profile;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.List;
import javax.management.MBeanServerConnection;

/**
 * A JVM's vital numbers as JSON, the counterpart of Go's {@code /debug/vars} (expvar):
 * command line, heap and non-heap memory, each memory pool, each collector, threads and
 * buffer pools (direct and mapped memory). Read through the target's MBeans.
 */
public final class JvmVars {
    private JvmVars() {}

    public static String json(ProfileTarget target) throws IOException {
        MBeanServerConnection c = target.mbeans();
        MemoryMXBean memory = Mbeans.memory(c);
        ThreadMXBean threads = Mbeans.threads(c);
        try {
            JsonWriter json = new JsonWriter();
            json.beginObject();
            json.name("pid").value(target.pid());
            json.name("cmdline").beginArray();
            for (String arg : CommandLine.of(target)) {
                json.value(arg);
            }
            json.endArray();
            json.name("memory").beginObject();
            usage(json.name("heap"), memory.getHeapMemoryUsage());
            usage(json.name("nonHeap"), memory.getNonHeapMemoryUsage());
            json.name("objectsPendingFinalization").value(memory.getObjectPendingFinalizationCount());
            json.name("pools").beginArray();
            for (MemoryPoolMXBean pool : ManagementFactory.getPlatformMXBeans(c, MemoryPoolMXBean.class)) {
                json.beginObject().name("name").value(pool.getName()).name("type").value(pool.getType().name());
                usage(json.name("usage"), pool.getUsage());
                if (pool.getCollectionUsage() != null) {
                    usage(json.name("afterGc"), pool.getCollectionUsage());
                }
                json.endObject();
            }
            json.endArray().endObject();
            json.name("gc").beginArray();
            for (GarbageCollectorMXBean gc : ManagementFactory.getPlatformMXBeans(c, GarbageCollectorMXBean.class)) {
                json.beginObject().name("name").value(gc.getName())
                        .name("count").value(gc.getCollectionCount())
                        .name("timeMillis").value(gc.getCollectionTime()).endObject();
            }
            json.endArray();
            json.name("threads").beginObject()
                    .name("live").value(threads.getThreadCount())
                    .name("daemon").value(threads.getDaemonThreadCount())
                    .name("peak").value(threads.getPeakThreadCount())
                    .name("started").value(threads.getTotalStartedThreadCount())
                    .endObject();
            json.name("bufferPools").beginArray();
            List<BufferPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(c, BufferPoolMXBean.class);
            for (BufferPoolMXBean pool : pools) {
                json.beginObject().name("name").value(pool.getName())
                        .name("count").value(pool.getCount())
                        .name("used").value(pool.getMemoryUsed())
                        .name("capacity").value(pool.getTotalCapacity()).endObject();
            }
            json.endArray();
            json.endObject();
            return json.toString();
        } catch (RuntimeException e) {
            throw new IOException("reading the JVM's MBeans failed: " + e.getMessage(), e);
        }
    }

    private static void usage(JsonWriter json, MemoryUsage u) {
        json.beginObject().name("used").value(u.getUsed()).name("committed").value(u.getCommitted())
                .name("max").value(u.getMax()).endObject();
    }
}
