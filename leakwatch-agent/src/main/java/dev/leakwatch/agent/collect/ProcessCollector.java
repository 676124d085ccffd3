package dev.leakwatch.agent.collect;

import dev.leakwatch.agent.config.WatchRule;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.agent.store.MetricDescriptor;
import dev.leakwatch.jvm.perfdata.LocalJvm;
import dev.leakwatch.jvm.proc.ProcFs;
import dev.leakwatch.jvm.proc.ProcessStat;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Per-process resources for every local JVM (when {@code all_jvms}) and every process a watch
 * rule selects: {@code process_resident_memory_bytes}, {@code process_cpu_seconds_total},
 * {@code process_threads}, {@code process_open_fds}, {@code process_max_fds},
 * {@code process_start_time_seconds}, labelled {@code pid}, {@code process} and, inside a
 * container, {@code container} (the full 64-hex id, as {@link JvmCollector} labels it). Watch
 * rules by name or command line look at every process; a set of {@code pid} rules alone reads
 * only those.
 *
 * <p>A process's labels are worked out once per process and kept while it lives: naming a JVM
 * means reading and parsing its whole hsperfdata file, and the container its cgroup file, which
 * every round repeated for every process. A process is the same one while its pid, start time
 * and {@code comm} stay (an exec changes {@code comm}); the kept labels go with it.
 */
public final class ProcessCollector implements Collector {
    static final MetricDescriptor RSS = MetricDescriptor.gauge("process_resident_memory_bytes",
            "Resident set size of the process.");
    static final MetricDescriptor CPU = MetricDescriptor.counter("process_cpu_seconds_total",
            "CPU time (user and system) the process used.");
    static final MetricDescriptor THREADS = MetricDescriptor.gauge("process_threads",
            "Threads of the process.");
    static final MetricDescriptor OPEN_FDS = MetricDescriptor.gauge("process_open_fds",
            "Open file descriptors of the process.");
    static final MetricDescriptor MAX_FDS = MetricDescriptor.gauge("process_max_fds",
            "The process's limit on open file descriptors (soft RLIMIT_NOFILE).");
    static final MetricDescriptor START_TIME = MetricDescriptor.gauge("process_start_time_seconds",
            "When the process started, in seconds since the epoch.");

    private final ProcFs proc;
    private final Supplier<List<LocalJvm>> jvms;
    private final boolean allJvms;
    private final List<WatchRule> watch;
    /** Labels of the processes reported in the last round, by pid; touched by one run at a time. */
    private final Map<Long, Identity> identities = new HashMap<>();

    public ProcessCollector(ProcFs proc, Supplier<List<LocalJvm>> jvms, boolean allJvms, List<WatchRule> watch) {
        this.proc = proc;
        this.jvms = jvms;
        this.allJvms = allJvms;
        this.watch = List.copyOf(watch);
    }

    @Override
    public synchronized void collect(MetricSink out) {
        Map<Long, Target> targets = new LinkedHashMap<>();
        if (allJvms) {
            for (LocalJvm jvm : jvms.get()) {
                targets.put(jvm.pid(), new Target(Optional.of(jvm), Optional.empty()));
            }
        }
        selectWatched(targets);
        for (Map.Entry<Long, Target> e : targets.entrySet()) {
            long pid = e.getKey();
            Target t = e.getValue();
            Optional<ProcessStat> stat = t.stat.isPresent() ? t.stat : proc.stat(pid);
            if (stat.isEmpty()) {
                continue; // exited since it was found
            }
            write(out, stat.get(), labels(t, stat.get()));
        }
        identities.keySet().retainAll(targets.keySet());
    }

    /** Processes whose labels are kept now (bounded by those reported in the last round). */
    synchronized int trackedProcesses() {
        return identities.size();
    }

    private Labels labels(Target t, ProcessStat stat) {
        boolean isJvm = t.jvm.isPresent();
        Identity known = identities.get(stat.pid());
        if (known != null && known.isJvm == isJvm && known.start.equals(stat.startTime())
                && known.comm.equals(stat.comm())) {
            return known.labels;
        }
        Optional<String> jvmName = isJvm ? jvmName(t.jvm.get()) : Optional.empty();
        Labels labels = Labels.of("pid", Long.toString(stat.pid()), "process", jvmName.orElse(stat.comm()));
        Optional<String> container = proc.containerId(stat.pid());
        if (container.isPresent()) {
            labels = labels.with("container", container.get());
        }
        if (!isJvm || jvmName.isPresent()) {
            identities.put(stat.pid(), new Identity(stat.startTime(), stat.comm(), isJvm, labels));
        } else {
            identities.remove(stat.pid()); // not named by its counters yet: try again next round
        }
        return labels;
    }

    private void selectWatched(Map<Long, Target> targets) {
        if (watch.isEmpty()) {
            return;
        }
        boolean pidsOnly = watch.stream().allMatch(r -> r instanceof WatchRule.Pid);
        List<Long> candidates = pidsOnly
                ? watch.stream().map(r -> ((WatchRule.Pid) r).pid()).toList()
                : proc.pids();
        for (long pid : candidates) {
            if (targets.containsKey(pid)) {
                continue;
            }
            Optional<ProcessStat> stat = proc.stat(pid);
            if (stat.isPresent() && watch.stream().anyMatch(r -> r.matches(pid, stat.get().comm(),
                    stat.get().commandLine()))) {
                targets.put(pid, new Target(Optional.empty(), stat));
            }
        }
    }

    /**
     * A JVM's name from its counters; empty (named by comm this round, and asked again next) when
     * they cannot be read or do not name it yet: a starting JVM publishes its counters before its
     * command line.
     */
    private static Optional<String> jvmName(LocalJvm jvm) {
        try {
            return ProcessNames.fromJavaCommand(jvm.readCounters().mainClass());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // the JVM exited or its counters are half-written: still a process
        }
    }

    private void write(MetricSink out, ProcessStat s, Labels labels) {
        out.set(RSS, labels, s.rssBytes());
        out.set(CPU, labels, s.cpuUserSeconds() + s.cpuSystemSeconds());
        out.set(THREADS, labels, s.threads());
        if (s.fdCount().isPresent()) {
            out.set(OPEN_FDS, labels, s.fdCount().getAsInt());
        }
        OptionalLong maxFds = proc.maxOpenFiles(s.pid());
        if (maxFds.isPresent()) {
            out.set(MAX_FDS, labels, maxFds.getAsLong());
        }
        out.set(START_TIME, labels, s.startTime().toEpochMilli() / 1000.0);
    }

    /** A process to report: a JVM (its name comes from its counters) or a watched process (stat already read). */
    private record Target(Optional<LocalJvm> jvm, Optional<ProcessStat> stat) {}

    /** The labels of one process, valid while its start time and comm stay. */
    private record Identity(Instant start, String comm, boolean isJvm, Labels labels) {}
}
