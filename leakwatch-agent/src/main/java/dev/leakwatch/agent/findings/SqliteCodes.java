package dev.leakwatch.agent.findings;

import java.sql.SQLException;

/**
 * SQLite's primary result codes that decide what to do with a failure
 * (https://www.sqlite.org/rescode.html). The JDBC driver reports them as
 * {@link SQLException#getErrorCode()}; the low byte is the primary code.
 */
final class SqliteCodes {
    static final int ERROR = 1;
    static final int CORRUPT = 11;
    static final int NOTADB = 26;

    private SqliteCodes() {}

    /** Whether the file itself is damaged or is no database at all, anywhere in the cause chain. */
    static boolean damaged(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                int code = e.getErrorCode() & 0xff;
                if (code == CORRUPT || code == NOTADB) {
                    return true;
                }
            }
        }
        return false;
    }
}
