package dev.leakwatch.agent.findings;

import java.util.Locale;
import org.sqlite.NativeLibraryNotFoundException;

/**
 * SQLite's native library cannot be loaded on this platform. The agent's jar keeps sqlite-jdbc's
 * natives for Linux x86_64 and aarch64 only (glibc and musl); elsewhere, or where the library
 * does not link, there is no durable store.
 *
 * <p>sqlite-jdbc reports the failure two ways (seen with 3.51): the first connection attempt
 * throws an {@link java.sql.SQLException} ("Error opening connection") caused by
 * {@link NativeLibraryNotFoundException}; every later one an {@link UnsatisfiedLinkError} from the
 * native method it then calls anyway (or a {@link NoClassDefFoundError} if a class failed to
 * initialise). Both are recognised anywhere in the cause chain.
 */
final class NativeLibraryUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    NativeLibraryUnavailableException(Throwable cause) {
        super("SQLite's native library cannot be loaded on " + platform()
                + " (the agent's jar carries it for Linux x86_64 and aarch64 only): " + describe(cause), cause);
    }

    /** Whether a failure to connect is sqlite-jdbc failing to load its native library. */
    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NativeLibraryNotFoundException || t instanceof LinkageError) {
                return true;
            }
        }
        return false;
    }

    private static String platform() {
        return System.getProperty("os.name", "?") + " " + System.getProperty("os.arch", "?").toLowerCase(Locale.ROOT);
    }

    /** The innermost message, which names what is missing; the outer one is only "Error opening connection". */
    private static String describe(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": "
                + t.getMessage();
    }
}
