package dev.leakwatch.jvm.profile.http;

import java.time.Duration;

/**
 * Settings of the debug endpoints.
 *
 * @param maxWindow the longest {@code seconds} accepted; longer asks get a 400
 * @param heapDumpEnabled whether {@code /debug/heapdump} serves dumps (404 otherwise)
 */
public record PprofSettings(Duration maxWindow, boolean heapDumpEnabled) {
    public static final Duration DEFAULT_MAX_WINDOW = Duration.ofSeconds(120);
    public static final PprofSettings DEFAULTS = new PprofSettings(DEFAULT_MAX_WINDOW, false);

    public PprofSettings {
        if (maxWindow.toSeconds() < 1) {
            throw new IllegalArgumentException("maxWindow must be at least 1 s, got " + maxWindow);
        }
    }

    public PprofSettings withHeapDump(boolean enabled) {
        return new PprofSettings(maxWindow, enabled);
    }
}
