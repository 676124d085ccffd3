package dev.leakwatch.agent.findings;

import dev.leakwatch.agent.findings.FindingsMetrics.Operation;
import dev.leakwatch.core.model.Diagnosis;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.sqlite.SQLiteConfig;

/**
 * The findings store as an SQLite database, {@code <data_dir>/findings.db}: one row per process
 * (pid and start ticks) with its name, first-seen and updated times, verdict, number of findings
 * and the diagnosis as its {@code leakwatch.diagnosis/v1} JSON document.
 *
 * <p>Implementation notes. One connection, used under this object's lock: saves come once per
 * watch window per process and reads from the API, so a pool would buy nothing. WAL journal with
 * {@code synchronous=NORMAL}: a crash loses at most the last save, never the file. The cap is
 * enforced in the save's own transaction, evicting the least recently updated rows. A file that is
 * damaged, is no SQLite database, or is of a newer schema is moved aside ({@link SetAside}) with one
 * warning and a fresh store started, at open or when an operation meets the damage later: losing
 * findings is better than an agent that cannot start. Rows whose diagnosis cannot be decoded are
 * skipped and counted, not fatal.
 */
public final class SqliteFindingsRepository implements FindingsRepository {
    /** The database's file name under the data directory. */
    public static final String FILE_NAME = "findings.db";
    /** Default cap on stored processes. */
    public static final int DEFAULT_MAX_ENTRIES = 1_000;

    private static final Logger LOG = Logger.getLogger(SqliteFindingsRepository.class.getName());
    private static final int BUSY_TIMEOUT_MILLIS = 5_000;
    /** Bounds the set of rows already warned about, so a store full of bad rows cannot grow it. */
    private static final int MAX_WARNED_ROWS = 1_000;
    private static final String COLUMNS = "pid, start_ticks, name, first_seen, updated, diagnosis";
    private static final String ORDER = " ORDER BY updated DESC, pid DESC, start_ticks DESC";

    private final Path file;
    private final Connector connector;
    private final int maxEntries;
    private final PrometheusRegistry registry;
    private final FindingsMetrics metrics;
    private final Clock clock;
    private final Set<String> warnedRows = ConcurrentHashMap.newKeySet();
    /** Null when closed, or when a damaged file was set aside and no fresh one could be made. */
    private Connection connection;
    private boolean closed;
    /** Why there is no connection while not closed. */
    private String unavailable;

    private SqliteFindingsRepository(Path file, int maxEntries, PrometheusRegistry registry, Clock clock,
            Connector connector) {
        this.file = file;
        this.connector = connector;
        this.maxEntries = maxEntries;
        this.registry = registry;
        this.metrics = new FindingsMetrics(maxEntries, true);
        this.clock = clock;
    }

    /** Opens (or creates) {@code <dataDir>/findings.db} with the default cap. */
    public static SqliteFindingsRepository open(Path dataDir, PrometheusRegistry registry) throws FindingsException {
        return open(dataDir, DEFAULT_MAX_ENTRIES, registry);
    }

    /**
     * Opens (or creates) {@code <dataDir>/findings.db}, keeping at most {@code maxEntries}
     * processes, and registers the {@code leakwatch_findings_*} metrics on {@code registry} until
     * {@link #close()}.
     *
     * @throws IllegalArgumentException if {@code maxEntries} is not positive
     * @throws FindingsException if the directory or a fresh database cannot be created (a damaged
     *     file is moved aside instead), or SQLite's native library cannot be loaded on this platform
     */
    public static SqliteFindingsRepository open(Path dataDir, int maxEntries, PrometheusRegistry registry)
            throws FindingsException {
        return open(dataDir, maxEntries, registry, Clock.systemUTC());
    }

    /** For testing: the clock that names set-aside files. */
    static SqliteFindingsRepository open(Path dataDir, int maxEntries, PrometheusRegistry registry, Clock clock)
            throws FindingsException {
        return open(dataDir, maxEntries, registry, clock, SQLiteConfig::createConnection);
    }

    /** For testing: what opens a connection (sqlite-jdbc's driver, or one that fails as it can). */
    static SqliteFindingsRepository open(Path dataDir, int maxEntries, PrometheusRegistry registry, Clock clock,
            Connector connector) throws FindingsException {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the findings store's maximum entries must be at least 1, got "
                    + maxEntries);
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new FindingsException("data_dir: cannot create " + dataDir + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        if (!Files.isWritable(dataDir)) {
            throw new FindingsException("data_dir: " + dataDir + " is not writable");
        }
        SqliteFindingsRepository repository = new SqliteFindingsRepository(dataDir.resolve(FILE_NAME), maxEntries,
                registry, clock, connector);
        synchronized (repository) {
            repository.connection = repository.connectOrStartAfresh();
            try {
                repository.metrics.stored(repository.count());
                registry.register(repository.metrics);
            } catch (SQLException | RuntimeException e) {
                closeQuietly(repository.connection);
                throw new FindingsException(repository.file + ": cannot open the findings store: " + e.getMessage(), e);
            }
        }
        return repository;
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    public int maxEntries() {
        return maxEntries;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the diagnosis lacks its schema, target or verdict (it
     *     could not be read back)
     */
    @Override
    public synchronized void save(ProcessFindings findings) throws FindingsException {
        Connection c = open();
        WatchedProcess p = findings.process();
        Diagnosis diagnosis = StoredDiagnosis.check(findings.diagnosis());
        String json = StoredDiagnosis.encode(diagnosis);
        try {
            c.setAutoCommit(false);
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO findings (pid, start_ticks, name, first_seen, updated, verdict, finding_count, diagnosis)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (pid, start_ticks) DO UPDATE SET name = excluded.name,
                        first_seen = excluded.first_seen, updated = excluded.updated, verdict = excluded.verdict,
                        finding_count = excluded.finding_count, diagnosis = excluded.diagnosis""");
                    PreparedStatement evict = c.prepareStatement(
                            "DELETE FROM findings WHERE rowid IN (SELECT rowid FROM findings" + ORDER
                                    + " LIMIT -1 OFFSET ?)")) {
                upsert.setLong(1, p.pid());
                upsert.setLong(2, p.startTicks());
                upsert.setString(3, p.name());
                upsert.setString(4, StoredDiagnosis.encode(findings.firstSeen()));
                upsert.setString(5, StoredDiagnosis.encode(findings.updated()));
                upsert.setString(6, diagnosis.verdict().id());
                upsert.setInt(7, diagnosis.findings().size());
                upsert.setString(8, json);
                upsert.executeUpdate();
                evict.setInt(1, maxEntries);
                int evicted = evict.executeUpdate();
                c.commit();
                metrics.evicted(evicted);
            } catch (SQLException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            metrics.stored(count());
        } catch (SQLException e) {
            throw failure(Operation.SAVE, "cannot save the findings of pid " + p.pid(), e);
        }
    }

    @Override
    public synchronized List<ProcessFindings> all() throws FindingsException {
        Connection c = open();
        List<ProcessFindings> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + COLUMNS
                + " FROM findings" + ORDER)) {
            while (rs.next()) {
                decode(rs).ifPresent(out::add);
            }
        } catch (SQLException e) {
            throw failure(Operation.READ, "cannot read the findings", e);
        }
        return out;
    }

    @Override
    public synchronized Optional<ProcessFindings> find(WatchedProcess process) throws FindingsException {
        Connection c = open();
        try (PreparedStatement st = c.prepareStatement("SELECT " + COLUMNS
                + " FROM findings WHERE pid = ? AND start_ticks = ?")) {
            st.setLong(1, process.pid());
            st.setLong(2, process.startTicks());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? decode(rs) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(Operation.READ, "cannot read the findings of pid " + process.pid(), e);
        }
    }

    /** Closes the database and unregisters the metrics; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        registry.unregister(metrics);
        closeQuietly(connection);
        connection = null;
    }

    FindingsMetrics metrics() {
        return metrics;
    }

    private Connection open() throws FindingsException {
        if (closed) {
            throw new FindingsException("the findings store " + file + " is closed");
        }
        if (connection == null) {
            throw new FindingsException("the findings store " + file + " is unavailable: " + unavailable);
        }
        return connection;
    }

    /** One stored row, or empty (counted and warned about once) when it cannot be decoded. */
    private Optional<ProcessFindings> decode(ResultSet rs) throws SQLException {
        long pid = rs.getLong(1);
        long startTicks = rs.getLong(2);
        try {
            WatchedProcess process = new WatchedProcess(pid, startTicks, rs.getString(3));
            return Optional.of(new ProcessFindings(process, StoredDiagnosis.decode(rs.getString(6)),
                    StoredDiagnosis.decodeInstant(rs.getString(4)), StoredDiagnosis.decodeInstant(rs.getString(5))));
        } catch (IllegalArgumentException e) {
            metrics.error(Operation.DECODE);
            String key = pid + "/" + startTicks;
            if (warnedRows.size() < MAX_WARNED_ROWS && warnedRows.add(key)) {
                LOG.warning(() -> file + ": skipping the stored findings of pid " + pid + " (start " + startTicks
                        + "), which cannot be read: " + e.getMessage());
            }
            return Optional.empty();
        }
    }

    /**
     * Counts a failed operation and turns it into the exception to throw; when the failure shows
     * the file is damaged, the file is moved aside and a fresh store started first, so that the
     * next operation works again.
     */
    private FindingsException failure(Operation operation, String what, SQLException e) {
        metrics.error(operation);
        String message = file + ": " + what + ": " + e.getMessage();
        if (SqliteCodes.damaged(e)) {
            closeQuietly(connection);
            connection = null;
            try {
                connection = startAfresh(e.getMessage());
                metrics.stored(count());
            } catch (FindingsException | SQLException again) {
                closeQuietly(connection);
                connection = null;
                unavailable = again.getMessage();
                metrics.error(Operation.OPEN);
                LOG.log(Level.SEVERE, file + ": cannot start a fresh findings store; findings are not kept until"
                        + " the agent restarts: " + again.getMessage(), again);
            }
        }
        return new FindingsException(message, e);
    }

    private Connection connectOrStartAfresh() throws FindingsException {
        try {
            return connect();
        } catch (FindingsSchema.UnusableException e) {
            metrics.error(Operation.OPEN);
            return startAfresh(e.getMessage());
        } catch (SQLException e) {
            metrics.error(Operation.OPEN);
            if (SqliteCodes.damaged(e)) {
                return startAfresh(e.getMessage());
            }
            throw new FindingsException(file + ": cannot open the findings store: " + e.getMessage(), e);
        } catch (NativeLibraryUnavailableException e) {
            metrics.error(Operation.OPEN);
            throw new FindingsException(file + ": cannot open the findings store: " + e.getMessage(), e);
        }
    }

    private Connection startAfresh(String why) throws FindingsException {
        Path aside;
        try {
            aside = SetAside.move(file, clock.instant());
        } catch (IOException e) {
            throw new FindingsException(file + " is unusable (" + why + ") and cannot be moved aside: " + e, e);
        }
        metrics.reset();
        LOG.warning(() -> file + " is unusable (" + why + "); moved it to " + aside.getFileName()
                + " and started an empty findings store: findings stored before are not served");
        try {
            return connect();
        } catch (SQLException | FindingsSchema.UnusableException | NativeLibraryUnavailableException e) {
            throw new FindingsException(file + ": cannot create a fresh findings store: " + e.getMessage(), e);
        }
    }

    /** Opens the file, checks it, and brings its schema up to date. */
    private Connection connect() throws SQLException, FindingsSchema.UnusableException,
            NativeLibraryUnavailableException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        Connection c;
        try {
            c = connector.connect(config, "jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException | LinkageError e) {
            if (NativeLibraryUnavailableException.causedBy(e)) {
                throw new NativeLibraryUnavailableException(e);
            }
            throw e;
        }
        try {
            try (Statement st = c.createStatement()) {
                // Reading the journal mode is the first access to the file: garbage fails here.
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = NORMAL");
                try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                    String result = rs.next() ? rs.getString(1) : "no answer";
                    if (!"ok".equals(result)) {
                        throw new FindingsSchema.UnusableException("integrity check failed: " + result, null);
                    }
                }
            }
            FindingsSchema.migrate(c);
            return c;
        } catch (SQLException | FindingsSchema.UnusableException | RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Opens a connection to the database; sqlite-jdbc's driver unless a test says otherwise. */
    @FunctionalInterface
    interface Connector {
        Connection connect(SQLiteConfig config, String url) throws SQLException;
    }

    private long count() throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FROM findings")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "rollback failed", e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "closing the findings database failed", e);
        }
    }
}
