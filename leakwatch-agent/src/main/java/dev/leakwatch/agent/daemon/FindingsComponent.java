package dev.leakwatch.agent.daemon;

import dev.leakwatch.agent.findings.FindingsException;
import dev.leakwatch.agent.findings.FindingsRepository;
import dev.leakwatch.agent.findings.ProcessFindings;
import dev.leakwatch.agent.findings.SqliteFindingsRepository;
import dev.leakwatch.agent.findings.WatchedProcess;
import dev.leakwatch.agent.lifecycle.Component;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Owns the durable findings store, {@code <data_dir>/findings.db}: opens it at start, closes it at
 * stop. Other components get {@link #repository()} when they are built, before the store is open;
 * it forwards to the open store and fails with a clear message outside start and stop. Closing
 * that view does nothing: the store belongs to this component.
 */
final class FindingsComponent implements Component {
    private final Path dataDir;
    private final int maxEntries;
    private final PrometheusRegistry registry;
    private final FindingsRepository view = new View();
    private volatile SqliteFindingsRepository store;

    FindingsComponent(Path dataDir, int maxEntries, PrometheusRegistry registry) {
        this.dataDir = dataDir;
        this.maxEntries = maxEntries;
        this.registry = registry;
    }

    @Override
    public String name() {
        return "findings-store";
    }

    @Override
    public void start() throws FindingsException {
        store = SqliteFindingsRepository.open(dataDir, maxEntries, registry);
    }

    @Override
    public void stop() {
        SqliteFindingsRepository s = store;
        store = null;
        if (s != null) {
            s.close();
        }
    }

    FindingsRepository repository() {
        return view;
    }

    private final class View implements FindingsRepository {
        @Override
        public void save(ProcessFindings findings) throws FindingsException {
            current().save(findings);
        }

        @Override
        public List<ProcessFindings> all() throws FindingsException {
            return current().all();
        }

        @Override
        public Optional<ProcessFindings> find(WatchedProcess process) throws FindingsException {
            return current().find(process);
        }

        @Override
        public void close() {
            // The component closes the store at stop.
        }

        private FindingsRepository current() throws FindingsException {
            SqliteFindingsRepository s = store;
            if (s == null) {
                throw new FindingsException("the findings store is not open: the agent is not running");
            }
            return s;
        }
    }
}
