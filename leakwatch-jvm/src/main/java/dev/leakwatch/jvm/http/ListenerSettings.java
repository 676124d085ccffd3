package dev.leakwatch.jvm.http;

import java.time.Duration;

/**
 * Settings of a {@link ThreadPerConnectionServer}; {@link #defaults(String)} and the
 * {@code with...} methods make them, the constructor rejects a bad value naming it.
 *
 * @param threadPrefix    names the threads: {@code <prefix>-accept}, {@code <prefix>-conn-<n>}
 * @param maxConnections  most connections served at once (a thread each); beyond, 503 and close
 * @param headTimeout     time to read a request's head once its first byte arrived
 * @param idleTimeout     how long a kept connection may wait for its next request, and the
 *                        longest wait for any read of a request body
 * @param maxLineBytes    most bytes of the request line (414 beyond) and of a header line (431)
 * @param maxHeadBytes    most bytes of a request head (431 beyond)
 * @param maxHeaders      most header lines (431 beyond)
 * @param maxDrainBytes   most bytes of a request body the handler left unread that are read and
 *                        dropped to keep the connection; beyond, the connection is closed
 */
public record ListenerSettings(String threadPrefix, int maxConnections, Duration headTimeout, Duration idleTimeout,
        int maxLineBytes, int maxHeadBytes, int maxHeaders, long maxDrainBytes) {
    /**
     * 16 connections: a Prometheus pair, a few people with curl or a browser (six each) at once;
     * each costs a thread (a stack of which a few pages are touched).
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    /**
     * 20 s for a head, as Apache's mod_reqtimeout ({@code header=20-40}): generous for any real
     * client on a slow link (a head is a few hundred bytes), short enough that a client dribbling
     * a byte every few seconds ("slowloris") holds a thread for seconds, not forever.
     */
    public static final Duration DEFAULT_HEAD_TIMEOUT = Duration.ofSeconds(20);
    /**
     * 120 s between requests on a kept connection: longer than the scrape intervals in use (15 s
     * to 2 min) so that Prometheus keeps one connection instead of reconnecting each scrape, and
     * within its client's own 5-minute idle limit; nginx's 75 s would make 2-minute scrapes
     * reconnect.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
    /** 8 KiB, the usual limit of a request line (nginx, Apache, Tomcat). */
    public static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024;
    /** 64 KiB for a whole head (Go's default is 1 MiB, Tomcat's 8 KiB; scrapes send ~300 bytes). */
    public static final int DEFAULT_MAX_HEAD_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_HEADERS = 100;
    /** 64 KiB, as the JDK's server drains ({@code sun.net.httpserver.drainAmount}). */
    public static final long DEFAULT_MAX_DRAIN_BYTES = 64 * 1024;

    public ListenerSettings {
        if (threadPrefix == null || !threadPrefix.startsWith("leakwatch-")) {
            throw new IllegalArgumentException("threadPrefix must start with 'leakwatch-': " + threadPrefix);
        }
        positive("maxConnections", maxConnections);
        positive("maxLineBytes", maxLineBytes);
        positive("maxHeaders", maxHeaders);
        if (maxHeadBytes < maxLineBytes) {
            throw new IllegalArgumentException("maxHeadBytes must be >= maxLineBytes (" + maxLineBytes + "), got " + maxHeadBytes);
        }
        if (maxDrainBytes < 0) {
            throw new IllegalArgumentException("maxDrainBytes must be >= 0, got " + maxDrainBytes);
        }
        millis("headTimeout", headTimeout);
        millis("idleTimeout", idleTimeout);
    }

    /** The defaults above, threads named after {@code threadPrefix}. */
    public static ListenerSettings defaults(String threadPrefix) {
        return new ListenerSettings(threadPrefix, DEFAULT_MAX_CONNECTIONS, DEFAULT_HEAD_TIMEOUT, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_HEAD_BYTES, DEFAULT_MAX_HEADERS, DEFAULT_MAX_DRAIN_BYTES);
    }

    public ListenerSettings withMaxConnections(int n) {
        return new ListenerSettings(threadPrefix, n, headTimeout, idleTimeout, maxLineBytes, maxHeadBytes, maxHeaders,
                maxDrainBytes);
    }

    public ListenerSettings withTimeouts(Duration head, Duration idle) {
        return new ListenerSettings(threadPrefix, maxConnections, head, idle, maxLineBytes, maxHeadBytes, maxHeaders,
                maxDrainBytes);
    }

    public ListenerSettings withHeadLimits(int lineBytes, int headBytes, int headers) {
        return new ListenerSettings(threadPrefix, maxConnections, headTimeout, idleTimeout, lineBytes, headBytes, headers,
                maxDrainBytes);
    }

    public ListenerSettings withMaxDrainBytes(long bytes) {
        return new ListenerSettings(threadPrefix, maxConnections, headTimeout, idleTimeout, maxLineBytes, maxHeadBytes,
                maxHeaders, bytes);
    }

    HeadLimits headLimits() {
        return new HeadLimits(maxLineBytes, maxHeadBytes, maxHeaders);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    private static void millis(String name, Duration d) {
        if (d == null || d.toMillis() < 1 || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be between 1 ms and 24 days, got " + d);
        }
    }
}
