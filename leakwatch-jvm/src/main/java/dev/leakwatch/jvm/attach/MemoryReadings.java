package dev.leakwatch.jvm.attach;

import java.util.List;
import java.util.Optional;

/**
 * One reading of a JVM's memory, classes, buffers and threads through its MXBeans. Taking it costs
 * the target no GC and no safepoint. Values the JVM does not define are -1.
 *
 * @param timeMillis         epoch milliseconds when the reading was taken (our clock)
 * @param heapUsed           heap used now, garbage included (not a leak signal by itself)
 * @param heapCommitted      heap committed
 * @param heapMax            heap maximum, -1 if undefined
 * @param pools              every memory pool, heap and non-heap
 * @param metaspaceUsed      the {@code Metaspace} pool's used bytes (class space included), -1 if absent
 * @param metaspaceCommitted the {@code Metaspace} pool's committed bytes, -1 if absent
 * @param loadedClasses      classes loaded now
 * @param totalLoadedClasses classes loaded since start
 * @param unloadedClasses    classes unloaded since start
 * @param direct             the {@code direct} buffer pool ({@code ByteBuffer.allocateDirect})
 * @param mapped             the {@code mapped} buffer pool ({@code FileChannel.map})
 * @param threads            live threads
 * @param daemonThreads      live daemon threads
 * @param peakThreads        most live threads since start (or since the peak was reset)
 */
public record MemoryReadings(
        long timeMillis,
        long heapUsed,
        long heapCommitted,
        long heapMax,
        List<PoolReading> pools,
        long metaspaceUsed,
        long metaspaceCommitted,
        int loadedClasses,
        long totalLoadedClasses,
        long unloadedClasses,
        BufferPoolReading direct,
        BufferPoolReading mapped,
        int threads,
        int daemonThreads,
        int peakThreads) {

    public MemoryReadings {
        pools = List.copyOf(pools);
    }

    /** The pool of that name ({@code G1 Old Gen}, {@code Metaspace}, ...). */
    public Optional<PoolReading> pool(String name) {
        return pools.stream().filter(pool -> pool.name().equals(name)).findFirst();
    }

    /**
     * One memory pool.
     *
     * @param name                e.g. {@code G1 Old Gen}, {@code G1 Eden Space}, {@code Metaspace}
     * @param heap                whether the pool is part of the heap
     * @param used                bytes used now
     * @param committed           bytes committed
     * @param max                 maximum bytes, -1 if undefined
     * @param usedAfterLastGc     bytes used right after the last GC that collected this pool
     *                            ({@code collectionUsage}), -1 if the pool has none (non-heap pools)
     */
    public record PoolReading(String name, boolean heap, long used, long committed, long max, long usedAfterLastGc) {}

    /**
     * One buffer pool; all -1 if the JVM has no pool of that name.
     *
     * @param count    buffers allocated and not yet freed
     * @param used     bytes the JVM uses for them
     * @param capacity total capacity of the buffers
     */
    public record BufferPoolReading(long count, long used, long capacity) {
        static final BufferPoolReading ABSENT = new BufferPoolReading(-1, -1, -1);
    }
}
