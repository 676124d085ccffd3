package dev.leakwatch.agent.findings;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The versioned layout of {@code findings.db}. The version lives in SQLite's
 * {@code PRAGMA user_version} (0 in a new file); each migration takes the file from one version to
 * the next in one transaction, so a crash mid-way leaves the old version intact. To change the
 * layout, append a migration: never edit one that has shipped.
 */
final class FindingsSchema {

    /** Migration {@code i} takes the file from version {@code i} to {@code i + 1}. */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of("""
                    CREATE TABLE findings (
                        pid          INTEGER NOT NULL,
                        start_ticks  INTEGER NOT NULL,
                        name         TEXT    NOT NULL,
                        first_seen   TEXT    NOT NULL,
                        updated      TEXT    NOT NULL,
                        verdict      TEXT    NOT NULL,
                        finding_count INTEGER NOT NULL,
                        diagnosis    TEXT    NOT NULL,
                        PRIMARY KEY (pid, start_ticks)
                    )""",
                    "CREATE INDEX findings_by_updated ON findings (updated)"));

    /** The version this code reads and writes. */
    static final int CURRENT = MIGRATIONS.size();

    private FindingsSchema() {}

    /** A file this code cannot use: written by a newer leakwatch, or not laid out as expected. */
    static final class UnusableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnusableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Brings the file to {@link #CURRENT}.
     *
     * @throws UnusableException when the file is of a newer version or a migration does not apply
     * @throws SQLException when the database cannot be read or written
     */
    static void migrate(Connection connection) throws SQLException, UnusableException {
        int version = version(connection);
        if (version > CURRENT) {
            throw new UnusableException("its schema version " + version + " is newer than this leakwatch's ("
                    + CURRENT + ")", null);
        }
        if (version < 0) {
            throw new UnusableException("its schema version " + version + " is not valid", null);
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (int v = version; v < CURRENT; v++) {
                try (Statement st = connection.createStatement()) {
                    for (String sql : MIGRATIONS.get(v)) {
                        st.execute(sql);
                    }
                    st.execute("PRAGMA user_version = " + (v + 1));
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    if ((e.getErrorCode() & 0xff) == SqliteCodes.ERROR) {
                        // e.g. a table of that name laid out otherwise: not a file this code wrote.
                        throw new UnusableException("migration to schema version " + (v + 1) + " failed: "
                                + e.getMessage(), e);
                    }
                    throw e;
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static int version(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
