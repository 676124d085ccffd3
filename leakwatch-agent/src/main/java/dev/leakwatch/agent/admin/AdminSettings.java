package dev.leakwatch.agent.admin;

import dev.leakwatch.jvm.profile.http.DebugServer;
import dev.leakwatch.jvm.profile.http.PprofSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the admin listener.
 *
 * @param host address to bind; anything but loopback requires {@code token}
 * @param port port to bind (0 for any free port)
 * @param token bearer token required on every request, or null (loopback only)
 * @param heapDumpEnabled whether {@code /debug/heapdump} serves HPROF dumps
 * @param maxProfileWindow the longest {@code seconds} a profile may ask for
 */
public record AdminSettings(String host, int port, String token, boolean heapDumpEnabled, Duration maxProfileWindow) {
    public static final String DEFAULT_HOST = DebugServer.DEFAULT_HOST;
    public static final int DEFAULT_PORT = DebugServer.DEFAULT_PORT;

    public AdminSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(maxProfileWindow, "maxProfileWindow");
    }

    /** Loopback on 6060, no token, heap dumps off, profiles up to 120 s. */
    public static AdminSettings defaults() {
        return new AdminSettings(DEFAULT_HOST, DEFAULT_PORT, null, false, PprofSettings.DEFAULT_MAX_WINDOW);
    }

    public AdminSettings withPort(int port) {
        return new AdminSettings(host, port, token, heapDumpEnabled, maxProfileWindow);
    }

    public AdminSettings withHost(String host) {
        return new AdminSettings(host, port, token, heapDumpEnabled, maxProfileWindow);
    }

    public AdminSettings withToken(String token) {
        return new AdminSettings(host, port, token, heapDumpEnabled, maxProfileWindow);
    }

    public AdminSettings withHeapDump(boolean enabled) {
        return new AdminSettings(host, port, token, enabled, maxProfileWindow);
    }

    PprofSettings pprof() {
        return new PprofSettings(maxProfileWindow, heapDumpEnabled);
    }
}
