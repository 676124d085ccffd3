package dev.leakwatch.agent.lifecycle;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place the agent creates threads. Every thread is named {@code leakwatch-<role>}
 * (pools add {@code -<n>}), is a daemon thread, and logs an uncaught exception instead of
 * dying silently. Whoever asks for a factory owns the threads and stops them. The one exception,
 * under the same rules: the HTTP listeners' threads ({@code leakwatch-metrics-http-accept},
 * {@code leakwatch-metrics-http-conn-<n>}, {@code leakwatch-admin-...}), which
 * {@code dev.leakwatch.jvm.http.ThreadPerConnectionServer} makes itself.
 */
public final class LeakwatchThreads {
    public static final String PREFIX = "leakwatch-";
    private static final Logger LOG = Logger.getLogger(LeakwatchThreads.class.getName());

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

    /** A single daemon thread named {@code leakwatch-<role>}, not started. */
    public static Thread newThread(String role, Runnable body) {
        Thread t = new Thread(body, PREFIX + role);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((thread, e) ->
                LOG.log(Level.SEVERE, "uncaught exception in " + thread.getName(), e));
        return t;
    }
}
