package dev.leakwatch.agent.daemon;

import dev.leakwatch.agent.findings.FindingsException;
import dev.leakwatch.agent.findings.FindingsRepository;
import dev.leakwatch.agent.findings.MemoryFindingsRepository;
import dev.leakwatch.agent.findings.ProcessFindings;
import dev.leakwatch.agent.findings.SqliteFindingsRepository;
import dev.leakwatch.agent.findings.WatchedProcess;
import dev.leakwatch.agent.lifecycle.Component;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Owns the findings store: opens the durable one, {@code <data_dir>/findings.db}, at start and
 * closes it at stop. When it cannot be opened (no SQLite native library for this platform, a data
 * directory that cannot be created or written) the agent runs on without durable findings: an
 * in-memory store with the same bound takes its place, one warning says why, and
 * {@code leakwatch_findings_durable} is 0. Losing findings at a restart is better than an agent
 * that does not monitor at all.
 *
 * <p>Other components get {@link #repository()} when they are built, before the store is open;
 * it forwards to the open store and fails with a clear message outside start and stop. Closing
 * that view does nothing: the store belongs to this component.
 */
final class FindingsComponent implements Component {
    private static final Logger LOG = Logger.getLogger(FindingsComponent.class.getName());

    /** Opens the durable store; {@link SqliteFindingsRepository#open} unless a test says otherwise. */
    @FunctionalInterface
    interface Opener {
        FindingsRepository open(Path dataDir, int maxEntries, PrometheusRegistry registry) throws FindingsException;
    }

    private final Path dataDir;
    private final int maxEntries;
    private final PrometheusRegistry registry;
    private final Opener opener;
    private final FindingsRepository view = new View();
    private volatile FindingsRepository store;

    FindingsComponent(Path dataDir, int maxEntries, PrometheusRegistry registry, Opener opener) {
        this.dataDir = dataDir;
        this.maxEntries = maxEntries;
        this.registry = registry;
        this.opener = opener;
    }

    @Override
    public String name() {
        return "findings-store";
    }

    @Override
    public void start() {
        try {
            store = opener.open(dataDir, maxEntries, registry);
        } catch (FindingsException | LinkageError e) {
            // LinkageError: sqlite-jdbc's UnsatisfiedLinkError where its native library is missing,
            // should it ever escape the store's own handling.
            store = MemoryFindingsRepository.fallback(maxEntries, registry);
            String why = e instanceof FindingsException ? e.getMessage() : e.toString();
            LOG.warning(() -> "findings are kept in memory only and will not survive a restart: " + why);
        }
    }

    @Override
    public void stop() {
        FindingsRepository s = store;
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
            FindingsRepository s = store;
            if (s == null) {
                throw new FindingsException("the findings store is not open: the agent is not running");
            }
            return s;
        }
    }
}
