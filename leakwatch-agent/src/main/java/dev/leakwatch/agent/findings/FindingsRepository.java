package dev.leakwatch.agent.findings;

import java.util.List;
import java.util.Optional;

/**
 * Durable findings, one entry per watched process. Implementations are bounded (they forget the
 * least recently updated processes beyond their cap, counted in a metric) and thread-safe.
 */
public interface FindingsRepository extends AutoCloseable {

    /** Stores the latest conclusion about a process, replacing the one before. */
    void save(ProcessFindings findings) throws FindingsException;

    /** Every stored entry, most recently updated first. */
    List<ProcessFindings> all() throws FindingsException;

    /** The entry of one process, if stored. */
    Optional<ProcessFindings> find(WatchedProcess process) throws FindingsException;

    @Override
    void close();
}
