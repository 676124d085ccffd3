package dev.leakwatch.agent.watch;

import dev.leakwatch.agent.store.FamilySnapshot;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.SeriesKey;
import dev.leakwatch.agent.store.SeriesStore;
import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.series.Sample;
import dev.leakwatch.jvm.perfdata.GcKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Reads the store's history into one {@link ProcessSignals} per process (series grouped by their
 * {@code pid} label) and one for the agent itself ({@code leakwatch_agent_*}, no labels).
 *
 * <p>Which series stand for which resource, and why:
 * <ul>
 *   <li>heap of a G1 JVM: {@link G1OldGenFloor}, the lowest old-generation occupancy since a
 *       concurrent marking cycle or full collection, from {@code jvm_memory_used_bytes{pool="old"}}
 *       and the pause counts {@code jvm_gc_collection_seconds_count{gc="G1 concurrent cycle
 *       pauses"}} and {@code {gc="G1 full collection pauses"}}: G1 rarely collects fully, and the
 *       old generation after young collections climbs with promoted garbage until the next cycle;
 *       a G1 JVM that has not run a cycle yet has no heap signal;
 *   <li>heap of any other JVM (Serial, Parallel), or a G1 JVM whose pause counts keep no history:
 *       {@code jvm_memory_old_gen_after_gc_bytes}, the old generation after the last
 *       old/full collection, which is already the lower envelope (it repeats until the next
 *       full collection); a JVM that never had one has no heap signal yet;
 *   <li>threads: {@code jvm_threads_live} for a JVM, else {@code process_threads};
 *   <li>fds: {@code process_open_fds}, limited by {@code process_max_fds};
 *   <li>metaspace: {@code jvm_memory_used_bytes{pool="metaspace"}}, limited by its max when set;
 *   <li>native: {@code process_resident_memory_bytes} of a process that is not a JVM only (a
 *       JVM's RSS contains its heap, which has signals of its own).
 * </ul>
 * The agent's own pid is skipped among the pid-labelled series (it is a JVM with hsperfdata too):
 * its {@code leakwatch_agent_*} series describe it, read in-process.
 */
final class SignalReader {
    static final String SELF_NAME = "leakwatch";
    /** The collector's pause counts, one series per collector ({@code gc} label). */
    static final String GC_COUNT = "jvm_gc_collection_seconds_count";
    /** HotSpot names G1's collectors "G1 young/full collection pauses", "G1 concurrent cycle pauses". */
    private static final String G1_PREFIX = "G1 ";
    /** hsperfdata reports an unlimited metaspace as a huge maximum; beyond this it is no limit. */
    private static final double UNLIMITED = Math.pow(2, 50);

    private final SeriesStore store;
    private final long selfPid;
    private final double selfSurvivorBytes;

    /**
     * @param selfSurvivorBytes the capacity of the agent's own survivor spaces: its heap after GC
     *                          moves by up to that much without leaking ({@link Signal#swing})
     */
    SignalReader(SeriesStore store, long selfPid, double selfSurvivorBytes) {
        this.store = store;
        this.selfPid = selfPid;
        this.selfSurvivorBytes = selfSurvivorBytes;
    }

    SignalReader(SeriesStore store, long selfPid) {
        this(store, selfPid, 0);
    }

    /** Every process with history, then the agent itself (if its series exist). */
    List<ProcessSignals> read() {
        Map<Long, List<SeriesKey>> byPid = new TreeMap<>();
        List<SeriesKey> selfKeys = new ArrayList<>();
        for (SeriesKey key : store.historyKeys()) {
            String pid = key.labels().get("pid");
            if (pid == null) {
                if (key.metric().startsWith("leakwatch_agent_")) {
                    selfKeys.add(key);
                }
                continue;
            }
            long p;
            try {
                p = Long.parseLong(pid);
            } catch (NumberFormatException e) {
                continue; // a pid label from an ingested metric: not a local process
            }
            if (p > 0 && p != selfPid) {
                byPid.computeIfAbsent(p, x -> new ArrayList<>()).add(key);
            }
        }
        List<ProcessSignals> out = new ArrayList<>(byPid.size() + 1);
        for (Map.Entry<Long, List<SeriesKey>> e : byPid.entrySet()) {
            process(e.getKey(), e.getValue()).ifPresent(out::add);
        }
        if (!selfKeys.isEmpty()) {
            out.add(self());
        }
        return out;
    }

    private Optional<ProcessSignals> process(long pid, List<SeriesKey> keys) {
        Labels base = null;
        boolean jvm = false;
        SeriesKey heap = null;
        SeriesKey oldUsed = null;
        SeriesKey g1Concurrent = null;
        SeriesKey g1Full = null;
        SeriesKey jvmThreads = null;
        SeriesKey processThreads = null;
        SeriesKey fds = null;
        SeriesKey metaspace = null;
        SeriesKey rss = null;
        for (SeriesKey k : keys) {
            jvm |= k.metric().startsWith("jvm_");
            switch (k.metric()) {
                case "jvm_memory_old_gen_after_gc_bytes" -> heap = k;
                case "jvm_threads_live" -> jvmThreads = k;
                case "process_threads" -> processThreads = k;
                case "process_open_fds" -> fds = k;
                case "process_resident_memory_bytes" -> rss = k;
                case "jvm_memory_used_bytes" -> {
                    if ("metaspace".equals(k.labels().get("pool"))) {
                        metaspace = k;
                    } else if ("old".equals(k.labels().get("pool"))) {
                        oldUsed = k;
                    }
                }
                case GC_COUNT -> {
                    String gc = k.labels().get("gc");
                    if (gc != null && gc.startsWith(G1_PREFIX)) {
                        switch (GcKind.fromCollectorName(gc)) {
                            case CONCURRENT -> g1Concurrent = k;
                            case FULL -> g1Full = k;
                            default -> { }
                        }
                    }
                }
                default -> { }
            }
            // The process's own labels: not those of a memory area or a collector.
            if (k.labels().get("area") == null && k.labels().get("gc") == null
                    && (base == null || k.metric().startsWith("process_"))) {
                base = k.labels();
            }
        }
        if (base == null) {
            return Optional.empty();
        }
        Map<Resource, Signal> signals = new EnumMap<>(Resource.class);
        OptionalDouble heapMax = latest("jvm_memory_max_bytes", base.with("area", "heap"));
        if (oldUsed != null && g1Concurrent != null) {
            List<Sample> full = g1Full == null ? List.of() : store.history(g1Full);
            List<Sample> floor = G1OldGenFloor.of(store.history(oldUsed), store.history(g1Concurrent), full,
                    G1OldGenFloor.LOOKBACK_MILLIS, G1OldGenFloor.LOOKBACK_EPOCHS);
            if (!floor.isEmpty()) {
                signals.put(Resource.HEAP, new Signal(floor, heapMax, true));
            }
        } else if (heap != null) {
            signals.put(Resource.HEAP, signal(heap, heapMax));
        }
        SeriesKey threads = jvmThreads != null ? jvmThreads : processThreads;
        if (threads != null) {
            signals.put(Resource.THREADS, signal(threads, OptionalDouble.empty()));
        }
        if (fds != null) {
            signals.put(Resource.FDS, signal(fds, latest("process_max_fds", base)));
        }
        if (metaspace != null) {
            signals.put(Resource.METASPACE, signal(metaspace,
                    latest("jvm_memory_max_bytes", base.with("area", "nonheap").with("pool", "metaspace"))));
        }
        if (rss != null && !jvm) {
            signals.put(Resource.NATIVE, signal(rss, OptionalDouble.empty()));
        }
        String name = base.get("process") == null ? "pid " + pid : base.get("process");
        return Optional.of(new ProcessSignals(pid, name, false, jvm, signals));
    }

    /**
     * The agent's heap after GC is the sum over its pools of their occupancy after their last
     * collection: the old generation after the last full collection (none for a long time at the
     * agent's allocation rate) plus the survivor spaces after the last young one. Two things follow.
     * It changes only when a collection runs, every few seconds to minutes, and the readings between
     * repeat it: they are not new observations ({@link #changes}). And the survivors' part moves
     * anywhere between empty and their capacity (objects ageing towards promotion fill them for
     * minutes, then leave), so growth counts only beyond that capacity ({@link Signal#swing}).
     */
    private ProcessSignals self() {
        Map<Resource, Signal> signals = new EnumMap<>(Resource.class);
        List<Sample> heap = changes(store.history(new SeriesKey("leakwatch_agent_heap_after_gc_bytes", Labels.EMPTY)));
        if (!heap.isEmpty()) {
            signals.put(Resource.HEAP, new Signal(heap, latest("leakwatch_agent_heap_max_bytes", Labels.EMPTY), false,
                    selfSurvivorBytes));
        }
        selfSignal(signals, Resource.THREADS, "leakwatch_agent_threads", null);
        selfSignal(signals, Resource.FDS, "leakwatch_agent_open_fds", "leakwatch_agent_max_fds");
        return new ProcessSignals(selfPid, SELF_NAME, true, true, signals);
    }

    private void selfSignal(Map<Resource, Signal> signals, Resource r, String metric, String limitMetric) {
        List<Sample> readings = store.history(new SeriesKey(metric, Labels.EMPTY));
        if (!readings.isEmpty()) {
            OptionalDouble limit = limitMetric == null ? OptionalDouble.empty() : latest(limitMetric, Labels.EMPTY);
            signals.put(r, new Signal(readings, limit));
        }
    }

    /**
     * The first reading of every run of equal values, and the last reading. Counted as
     * observations, repeated readings make one step look like a trend: seventeen readings a second
     * apart, nine of one value and eight of a slightly higher one, are 72 concordant pairs and no
     * discordant one, a Mann-Kendall p of 0.0005. Kept once each, they are the three readings they are.
     */
    static List<Sample> changes(List<Sample> readings) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            Sample s = readings.get(i);
            if (i == 0 || s.value() != readings.get(i - 1).value() || i == readings.size() - 1) {
                out.add(s);
            }
        }
        return out;
    }

    private Signal signal(SeriesKey key, OptionalDouble limit) {
        return new Signal(store.history(key), limit);
    }

    private OptionalDouble latest(String metric, Labels labels) {
        Optional<FamilySnapshot.Point> p = store.get(new SeriesKey(metric, labels));
        if (p.isEmpty() || !(p.get().value() > 0) || p.get().value() >= UNLIMITED) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(p.get().value());
    }
}
