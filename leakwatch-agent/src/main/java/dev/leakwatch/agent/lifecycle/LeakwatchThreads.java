package dev.leakwatch.agent.lifecycle;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place the agent creates threads. Every thread is named {@code leakwatch-<role>}
 * (pools add {@code -<n>}), is a daemon thread, and logs an uncaught exception instead of
 * dying silently. Whoever asks for a factory owns the threads and stops them.
 */
public final class LeakwatchThreads {
    public static final String PREFIX = "leakwatch-";
    private static final Logger LOG = Logger.getLogger(LeakwatchThreads.class.getName());
    /** Threads of com.sun.net.httpserver (JDK 17 to 25). */
    private static final Set<String> LIBRARY_THREAD_NAMES = Set.of("HTTP-Dispatcher", "idle-timeout-task", "server-timer");

    private LeakwatchThreads() {}

    /** A factory for one role; the first thread is {@code leakwatch-<role>}, then {@code leakwatch-<role>-2}... */
    public static ThreadFactory factory(String role) {
        if (role.isBlank() || role.startsWith(PREFIX)) {
            throw new IllegalArgumentException("role must be a short name without the prefix, got \"" + role + "\"");
        }
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            int n = count.incrementAndGet();
            return newThread(n == 1 ? role : role + "-" + n, runnable);
        };
    }

    /** The threads alive now; pass to {@link #adoptLibraryThreads} before starting a library. */
    public static Set<Thread> liveThreads() {
        return new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    /**
     * Renames the threads a library started without a factory hook (the JDK's HTTP server
     * starts {@code HTTP-Dispatcher} and {@code idle-timeout-task}) to
     * {@code leakwatch-<role>-<their name>}, so every agent thread carries the prefix. Only
     * threads that were not alive in {@code before} and have one of the library's known names
     * are touched; the caller owns them from then on (it stops the library).
     */
    public static void adoptLibraryThreads(Set<Thread> before, String role) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && LIBRARY_THREAD_NAMES.contains(t.getName())) {
                t.setName(PREFIX + role + "-" + t.getName().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** A single daemon thread named {@code leakwatch-<role>}, not started. */
    public static Thread newThread(String role, Runnable body) {
        Thread t = new Thread(body, PREFIX + role);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((thread, e) ->
                LOG.log(Level.SEVERE, "uncaught exception in " + thread.getName(), e));
        return t;
    }
}
