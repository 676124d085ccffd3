package dev.leakwatch.jvm.diagnose;

import dev.leakwatch.core.heap.ClassHistogram;
import dev.leakwatch.core.heap.HeapAddressRange;
import dev.leakwatch.core.heap.TimedHistogram;
import dev.leakwatch.core.metaspace.TimedClassLoaderStats;
import dev.leakwatch.core.series.Sample;
import dev.leakwatch.core.threads.ThreadDumpParser;
import dev.leakwatch.core.threads.ThreadSample;
import dev.leakwatch.jvm.attach.GcEvent;
import dev.leakwatch.jvm.attach.JvmConnection;
import dev.leakwatch.jvm.attach.MemoryReadings;
import dev.leakwatch.jvm.jfr.OldObjectAnalysis;
import dev.leakwatch.jvm.jfr.OldObjectRecording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Reads a JVM through its JMX connection: cheap readings every round (memory pools, buffer pools,
 * thread count, GC notifications) and, at the capture plan's points only, the expensive evidence
 * (class histogram: a full GC; thread dump and class-loader statistics: a safepoint each).
 * Old-object samples are recorded by JFR for the whole window and read once, at the end.
 */
final class JvmSampler implements AutoCloseable {
    private final JvmConnection jvm;
    private final Clock clock;
    private OldObjectRecording recording;
    private MemoryReadings last;

    JvmSampler(JvmConnection jvm, Clock clock) {
        this.jvm = jvm;
        this.clock = clock;
    }

    void startRecording(Observations obs) {
        try {
            recording = OldObjectRecording.start(jvm);
            obs.capture("jfr-old-objects-start", clock.instant(), false, "JFR recording " + recording.name());
        } catch (IOException | RuntimeException e) {
            obs.problem("no JFR old-object samples (allocation sites and GC-root paths): " + e.getMessage());
        }
    }

    /** The cheap readings, every round. */
    void sample(long now, Observations obs) throws IOException {
        MemoryReadings m = jvm.readMemory();
        last = m;
        // Polled rather than listened to: a remote GC listener makes the target buffer notifications.
        for (GcEvent e : jvm.pollLastGcs()) {
            obs.heapAfterGc.add(new Sample(e.endTimeMillis(), e.heapUsedAfter()));
        }
        obs.threads.add(new Sample(now, m.threads()));
        obs.metaspace.add(new Sample(now, m.metaspaceUsed()));
        if (m.direct() != null) {
            obs.direct.add(new Sample(now, m.direct().used()));
        }
    }

    /**
     * Memory outside the heap that the JVM accounts for itself: metaspace and direct buffers
     * (resources of their own, not to be reported a second time as native) and the JIT's code
     * cache, which grows as a young or busy JVM compiles and is warm-up, not a leak.
     */
    long accountedOutsideHeap() {
        if (last == null) {
            return 0;
        }
        long codeCache = 0;
        for (MemoryReadings.PoolReading pool : last.pools()) {
            if (!pool.heap() && (pool.name().startsWith("CodeHeap") || pool.name().equals("Code Cache"))) {
                codeCache += pool.committed();
            }
        }
        return last.metaspaceCommitted() + codeCache + (last.direct() == null ? 0 : last.direct().used());
    }

    /** Where the heap is reserved, from {@code GC.heap_info}; empty for collectors that print no range. */
    Optional<HeapAddressRange> heapRange() {
        try {
            return HeapAddressRange.parse(jvm.diagnosticCommand("GC.heap_info"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The expensive evidence, at a capture point. */
    void capture(Observations obs) {
        long t = clock.millis();
        try {
            obs.threadGroups.add(ThreadSample.of(t, ThreadDumpParser.parse(jvm.diagnosticCommand("Thread.print"))));
            obs.capture("thread-dump", clock.instant(), false, null);
        } catch (IOException | RuntimeException e) {
            obs.problem("thread dump failed: " + e.getMessage());
        }
        try {
            obs.loaderStats.add(new TimedClassLoaderStats(t, jvm.classLoaderStats()));
            obs.capture("class-loader-stats", clock.instant(), false, null);
        } catch (IOException | RuntimeException e) {
            obs.problem("class-loader statistics failed: " + e.getMessage());
        }
        try {
            ClassHistogram h = jvm.classHistogram();
            long at = clock.millis();
            obs.histograms.add(new TimedHistogram(at, h));
            obs.capture("class-histogram", clock.instant(), true, h.entries().size() + " classes, "
                    + (h.totalBytes() >> 20) + " MiB live");
        } catch (IOException | RuntimeException e) {
            obs.problem("class histogram failed: " + e.getMessage());
        }
    }

    /** Dumps and reads the old-object samples; call once, before the last histogram's full GC. */
    Optional<OldObjectAnalysis> finishRecording(Observations obs) {
        if (recording == null) {
            return Optional.empty();
        }
        Path file = null;
        try {
            file = Files.createTempFile("leakwatch-oldobjects-", ".jfr");
            recording.dump(file);
            obs.capture("jfr-old-objects", clock.instant(), false, "paths to GC roots searched");
            return Optional.of(OldObjectAnalysis.analyze(file));
        } catch (IOException | RuntimeException e) {
            obs.problem("JFR old-object samples unreadable: " + e.getMessage());
            return Optional.empty();
        } finally {
            recording.close();
            recording = null;
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    obs.problem("could not delete " + file + ": " + e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        if (recording != null) {
            recording.close();
        }
        jvm.close();
    }
}
