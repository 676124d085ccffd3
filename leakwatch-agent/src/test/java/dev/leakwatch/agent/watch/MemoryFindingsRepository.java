package dev.leakwatch.agent.watch;

import dev.leakwatch.agent.findings.FindingsRepository;
import dev.leakwatch.agent.findings.ProcessFindings;
import dev.leakwatch.agent.findings.WatchedProcess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Findings kept in memory only, at most {@code capacity} processes (the least recently updated
 * is forgotten first): for an agent without durable findings, and for tests.
 */
public final class MemoryFindingsRepository implements FindingsRepository {
    private final int capacity;
    private final Map<WatchedProcess, ProcessFindings> entries;

    public MemoryFindingsRepository(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        // Access order false: insertion order, and save() re-inserts, so the eldest is the least recently updated.
        this.entries = new LinkedHashMap<>();
    }

    @Override
    public synchronized void save(ProcessFindings findings) {
        entries.remove(findings.process());
        entries.put(findings.process(), findings);
        while (entries.size() > capacity) {
            entries.remove(entries.keySet().iterator().next());
        }
    }

    @Override
    public synchronized List<ProcessFindings> all() {
        List<ProcessFindings> out = new ArrayList<>(entries.values());
        out.sort(Comparator.comparing(ProcessFindings::updated).reversed());
        return out;
    }

    @Override
    public synchronized Optional<ProcessFindings> find(WatchedProcess process) {
        return Optional.ofNullable(entries.get(process));
    }

    @Override
    public void close() {}
}
