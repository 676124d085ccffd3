package dev.leakwatch.agent.collect;

import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import dev.leakwatch.jvm.perfdata.GcCollector;
import dev.leakwatch.jvm.perfdata.JvmCounters;
import dev.leakwatch.jvm.perfdata.LocalJvm;
import dev.leakwatch.jvm.perfdata.OldGenAfterGc;
import dev.leakwatch.jvm.proc.ProcFs;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JVM metrics for every local JVM, from its hsperfdata counters only: no attach, no
 * safepoint, the JVM never notices. Labelled {@code pid} (as the host sees it, also for a JVM in
 * another pid namespace), {@code process} and, for a JVM in a container, {@code container}: the
 * full 64-hex id its cgroup names, the form kube-state-metrics' {@code container_id} and the
 * runtimes' APIs use.
 *
 * <p>The lower envelope of the heap: {@code jvm_memory_old_gen_after_gc_bytes} is the old
 * generation right after the last old/full collection. The counters show only the current
 * state, so the collector keeps the last such reading per JVM and repeats it until the next full
 * collection; a JVM that never had one has no such series (see {@code JvmCounters}).
 * {@code jvm_memory_used_after_gc_bytes} (the heap any last collection left) is its upper bound.
 * Per-JVM state is dropped as soon as the JVM is gone.
 *
 * <p>A JVM's labels (its name, container) and the label sets of its series are worked out once,
 * when it is first seen, and kept with its state: finding its {@code comm} and cgroup costs
 * five file reads and a directory listing, which every round repeated for every JVM. The state
 * belongs to one JVM start ({@code sun.rt.createVmBeginTime}): a new JVM under a reused pid, or
 * a process that exec'd a new JVM, starts afresh.
 */
public final class JvmCollector implements Collector {
    private static final Logger LOG = Logger.getLogger(JvmCollector.class.getName());

    static final MetricDescriptor USED = MetricDescriptor.gauge("jvm_memory_used_bytes",
            "Memory in use, by area (heap, nonheap) and pool.");
    static final MetricDescriptor COMMITTED = MetricDescriptor.gauge("jvm_memory_committed_bytes",
            "Memory committed, by area and pool.");
    static final MetricDescriptor MAX = MetricDescriptor.gauge("jvm_memory_max_bytes",
            "Maximum memory, by area (and pool where the pool has its own limit).");
    static final MetricDescriptor OLD_AFTER_GC = MetricDescriptor.gauge("jvm_memory_old_gen_after_gc_bytes",
            "Old generation in use right after the last old/full collection: the heap's lower envelope.");
    static final MetricDescriptor USED_AFTER_GC = MetricDescriptor.gauge("jvm_memory_used_after_gc_bytes",
            "Heap left by the last collection of any kind (an upper bound of the live set).");
    static final MetricDescriptor OLD_AFTER_GC_RATIO = MetricDescriptor.gauge("leakwatch_jvm_old_gen_after_gc_ratio",
            "Old generation after the last old/full collection as a fraction of its maximum.");
    static final MetricDescriptor FULL_GC_PER_HOUR = MetricDescriptor.gauge("leakwatch_jvm_full_gc_per_hour",
            "Old/full collections per hour over the last hour (after five minutes of readings).");
    static final MetricDescriptor GC_COUNT = MetricDescriptor.summaryCount("jvm_gc_collection_seconds",
            "Time spent in collections, by collector.");
    static final MetricDescriptor GC_SUM = MetricDescriptor.summarySum("jvm_gc_collection_seconds",
            "Time spent in collections, by collector.");
    static final MetricDescriptor SAFEPOINTS = MetricDescriptor.counter("jvm_safepoints_total",
            "Safepoints the JVM reached.");
    static final MetricDescriptor SAFEPOINT_TIME = MetricDescriptor.counter("jvm_safepoint_seconds_total",
            "Time application threads were stopped at safepoints.");
    static final MetricDescriptor CLASSES = MetricDescriptor.gauge("jvm_classes_currently_loaded",
            "Classes currently loaded.");
    static final MetricDescriptor CLASSES_LOADED = MetricDescriptor.counter("jvm_classes_loaded_total",
            "Classes loaded since the JVM started.");
    static final MetricDescriptor CLASSES_UNLOADED = MetricDescriptor.counter("jvm_classes_unloaded_total",
            "Classes unloaded since the JVM started.");
    static final MetricDescriptor THREADS = MetricDescriptor.gauge("jvm_threads_live",
            "Live threads (daemon and not).");
    static final MetricDescriptor DAEMON_THREADS = MetricDescriptor.gauge("jvm_threads_daemon",
            "Live daemon threads.");
    static final MetricDescriptor PEAK_THREADS = MetricDescriptor.gauge("jvm_threads_peak",
            "Most live threads at once since the JVM started.");
    static final MetricDescriptor STARTED_THREADS = MetricDescriptor.counter("jvm_threads_started_total",
            "Threads started since the JVM started.");

    private final Supplier<List<LocalJvm>> jvms;
    private final ProcFs proc;
    private final LongSupplier clock;
    /** Per-JVM state, keyed by pid; only JVMs alive at the last run. Touched by one run at a time. */
    private final Map<Long, JvmState> state = new HashMap<>();

    public JvmCollector(Supplier<List<LocalJvm>> jvms, ProcFs proc) {
        this(jvms, proc, System::currentTimeMillis);
    }

    JvmCollector(Supplier<List<LocalJvm>> jvms, ProcFs proc, LongSupplier clock) {
        this.jvms = jvms;
        this.proc = proc;
        this.clock = clock;
    }

    @Override
    public synchronized void collect(MetricSink out) {
        Set<Long> seen = new HashSet<>();
        for (LocalJvm jvm : jvms.get()) {
            JvmCounters counters;
            try {
                counters = jvm.readCounters();
            } catch (IOException | IllegalArgumentException e) {
                // Exited mid-read, or a file being written: normal churn, not a collector failure.
                LOG.log(Level.FINE, "cannot read the counters of JVM " + jvm.pid(), e);
                continue;
            }
            seen.add(jvm.pid());
            Optional<Instant> started = counters.vmStartTime();
            JvmState s = state.get(jvm.pid());
            if (s == null || !s.started.equals(started)) {
                s = new JvmState(started);
                state.put(jvm.pid(), s);
            }
            if (!s.named) {
                // A starting JVM publishes its counters before its command line: until it names
                // itself, its labels are worked out again each round.
                s.label(labels(jvm, counters), counters.mainClass().isPresent());
            }
            write(out, counters, s);
        }
        state.keySet().retainAll(seen);
    }

    /** JVMs with per-JVM state now (bounded by the JVMs alive at the last run). */
    synchronized int trackedJvms() {
        return state.size();
    }

    private Labels labels(LocalJvm jvm, JvmCounters counters) {
        String comm = proc.stat(jvm.pid()).map(s -> s.comm()).orElse("java");
        Labels labels = Labels.of("pid", Long.toString(jvm.pid()), "process", ProcessNames.forJvm(counters, comm));
        Optional<String> container = proc.containerId(jvm.pid());
        return container.isPresent() ? labels.with("container", container.get()) : labels;
    }

    private void write(MetricSink out, JvmCounters c, JvmState s) {
        Labels l = s.labels;
        Labels old = s.old;
        Labels young = s.young;
        Labels metaspace = s.metaspace;
        Labels classSpace = s.classSpace;
        OptionalLong heapUsed = c.heapUsedBytes();
        OptionalLong oldUsed = c.oldGenUsedBytes();
        set(out, USED, old, oldUsed);
        if (heapUsed.isPresent() && oldUsed.isPresent()) {
            out.set(USED, young, heapUsed.getAsLong() - oldUsed.getAsLong());
        }
        set(out, USED, metaspace, c.metaspaceUsedBytes());
        set(out, USED, classSpace, c.compressedClassSpaceUsedBytes());
        OptionalLong heapCommitted = c.heapCommittedBytes();
        OptionalLong oldCommitted = c.oldGenCommittedBytes();
        set(out, COMMITTED, old, oldCommitted);
        if (heapCommitted.isPresent() && oldCommitted.isPresent()) {
            out.set(COMMITTED, young, heapCommitted.getAsLong() - oldCommitted.getAsLong());
        }
        set(out, COMMITTED, metaspace, c.metaspaceCommittedBytes());
        set(out, MAX, s.heap, c.heapMaxBytes());
        set(out, MAX, old, c.oldGenMaxBytes());
        set(out, MAX, metaspace, c.metaspaceMaxBytes());
        set(out, MAX, classSpace, c.compressedClassSpaceMaxBytes());

        c.oldGenAfterLastFullGc().ifPresent(reading -> s.afterFullGc = reading);
        if (s.afterFullGc != null) {
            out.set(OLD_AFTER_GC, l, s.afterFullGc.oldGenUsedBytes());
            OptionalLong oldMax = c.oldGenMaxBytes();
            if (oldMax.isPresent() && oldMax.getAsLong() > 0) {
                out.set(OLD_AFTER_GC_RATIO, l, (double) s.afterFullGc.oldGenUsedBytes() / oldMax.getAsLong());
            }
        }
        set(out, USED_AFTER_GC, l, c.heapUsedAfterLastGcBytes());
        OptionalLong fullGcs = c.fullGcCount();
        if (fullGcs.isPresent()) {
            OptionalDouble perHour = s.fullGcRate.update(clock.getAsLong(), fullGcs.getAsLong());
            if (perHour.isPresent()) {
                out.set(FULL_GC_PER_HOUR, l, perHour.getAsDouble());
            }
        }
        for (GcCollector gc : c.collectors()) {
            Labels g = s.gcLabels.computeIfAbsent(gc.name(), name -> l.with("gc", name));
            Optional<Duration> time = c.ticksToDuration(gc.timeTicks());
            if (time.isPresent()) {
                out.set(GC_COUNT, g, gc.invocations());
                out.set(GC_SUM, g, time.get().toNanos() / 1e9);
            }
        }
        set(out, SAFEPOINTS, l, c.safepointCount());
        c.safepointTime().ifPresent(t -> out.set(SAFEPOINT_TIME, l, t.toNanos() / 1e9));
        OptionalLong loaded = c.classesLoaded();
        OptionalLong unloaded = c.classesUnloaded();
        set(out, CLASSES_LOADED, l, loaded);
        set(out, CLASSES_UNLOADED, l, unloaded);
        if (loaded.isPresent() && unloaded.isPresent()) {
            out.set(CLASSES, l, loaded.getAsLong() - unloaded.getAsLong());
        }
        set(out, THREADS, l, c.liveThreads());
        set(out, DAEMON_THREADS, l, c.daemonThreads());
        set(out, PEAK_THREADS, l, c.peakThreads());
        set(out, STARTED_THREADS, l, c.startedThreads());
    }

    private static void set(MetricSink out, MetricDescriptor m, Labels l, OptionalLong v) {
        if (v.isPresent()) {
            out.set(m, l, v.getAsLong());
        }
    }

    /** What the collector keeps about one JVM start between rounds. */
    private static final class JvmState {
        final Optional<Instant> started;
        final Map<String, Labels> gcLabels = new HashMap<>();
        final FullGcRate fullGcRate = new FullGcRate();
        OldGenAfterGc afterFullGc;
        boolean named;
        Labels labels;
        Labels heap;
        Labels old;
        Labels young;
        Labels metaspace;
        Labels classSpace;

        JvmState(Optional<Instant> started) {
            this.started = started;
        }

        void label(Labels labels, boolean named) {
            this.named = named;
            this.labels = labels;
            this.heap = labels.with("area", "heap");
            this.old = heap.with("pool", "old");
            this.young = heap.with("pool", "young");
            Labels nonHeap = labels.with("area", "nonheap");
            this.metaspace = nonHeap.with("pool", "metaspace");
            this.classSpace = nonHeap.with("pool", "compressed_class_space");
            gcLabels.clear();
        }
    }
}
