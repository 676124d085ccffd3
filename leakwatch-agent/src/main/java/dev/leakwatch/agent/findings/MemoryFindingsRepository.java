package dev.leakwatch.agent.findings;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Findings kept in memory only: what the agent falls back to when the durable store cannot be
 * opened (no SQLite native library for the platform, a data directory that cannot be created or
 * written), so the leak watch and {@code /api/v1/findings} keep working until a restart. Bounded
 * like the durable store: at most {@code maxEntries} processes, the least recently updated
 * forgotten first and counted in {@code leakwatch_findings_evicted_total}; entries the durable
 * store would refuse are refused here too. Thread-safe.
 */
public final class MemoryFindingsRepository implements FindingsRepository {
    private static final Comparator<ProcessFindings> NEWEST_FIRST = Comparator
            .comparing(ProcessFindings::updated)
            .thenComparingLong(f -> f.process().pid())
            .thenComparingLong(f -> f.process().startTicks())
            .reversed();

    private final int maxEntries;
    private final FindingsMetrics metrics;
    private final PrometheusRegistry registry;
    /** Insertion order, and save() re-inserts: the eldest entry is the least recently updated. */
    private final Map<WatchedProcess, ProcessFindings> entries = new LinkedHashMap<>();
    private boolean closed;

    /**
     * A store whose metrics are not exported.
     *
     * @throws IllegalArgumentException if {@code maxEntries} is not positive
     */
    public MemoryFindingsRepository(int maxEntries) {
        this(maxEntries, null);
    }

    private MemoryFindingsRepository(int maxEntries, PrometheusRegistry registry) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the findings store's maximum entries must be at least 1, got "
                    + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.metrics = new FindingsMetrics(maxEntries, false);
        this.registry = registry;
    }

    /**
     * The store the agent falls back to when the durable one cannot be opened: registers the
     * {@code leakwatch_findings_*} metrics on {@code registry} until {@link #close()}, with
     * {@code leakwatch_findings_durable} at 0 and the failed open counted in
     * {@code leakwatch_findings_errors_total{operation="open"}}.
     *
     * @throws IllegalArgumentException if {@code maxEntries} is not positive
     */
    public static MemoryFindingsRepository fallback(int maxEntries, PrometheusRegistry registry) {
        MemoryFindingsRepository repository = new MemoryFindingsRepository(maxEntries, registry);
        repository.metrics.error(FindingsMetrics.Operation.OPEN);
        registry.register(repository.metrics);
        return repository;
    }

    public int maxEntries() {
        return maxEntries;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the diagnosis lacks its schema, target or verdict (the
     *     durable store could not read it back either)
     */
    @Override
    public synchronized void save(ProcessFindings findings) {
        StoredDiagnosis.check(findings.diagnosis());
        entries.remove(findings.process());
        entries.put(findings.process(), findings);
        int evicted = 0;
        while (entries.size() > maxEntries) {
            entries.remove(entries.keySet().iterator().next());
            evicted++;
        }
        metrics.evicted(evicted);
        metrics.stored(entries.size());
    }

    @Override
    public synchronized List<ProcessFindings> all() {
        List<ProcessFindings> out = new ArrayList<>(entries.values());
        out.sort(NEWEST_FIRST);
        return out;
    }

    @Override
    public synchronized Optional<ProcessFindings> find(WatchedProcess process) {
        return Optional.ofNullable(entries.get(process));
    }

    /** Forgets every entry and unregisters the metrics; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        entries.clear();
        if (registry != null) {
            registry.unregister(metrics);
        }
    }

    FindingsMetrics metrics() {
        return metrics;
    }
}
