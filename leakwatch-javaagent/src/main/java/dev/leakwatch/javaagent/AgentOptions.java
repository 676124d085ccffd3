package dev.leakwatch.javaagent;

import dev.leakwatch.jvm.profile.http.DebugServer;
import dev.leakwatch.jvm.profile.http.PprofSettings;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The agent's options, from the {@code -javaagent:...jar=<options>} string: comma-separated
 * {@code key=value} pairs.
 *
 * <ul>
 *   <li>{@code host} — address to bind, default 127.0.0.1; any other needs {@code token}</li>
 *   <li>{@code port} — default 6060; 0 picks a free port</li>
 *   <li>{@code token} — bearer token every request must carry</li>
 *   <li>{@code heapdump} — {@code true} enables /debug/heapdump (off by default)</li>
 *   <li>{@code maxSeconds} — the longest profile window accepted, default 120</li>
 * </ul>
 */
record AgentOptions(String host, int port, String token, boolean heapDump, int maxSeconds) {
    static final AgentOptions DEFAULTS = new AgentOptions(DebugServer.DEFAULT_HOST, DebugServer.DEFAULT_PORT, null,
            false, (int) PprofSettings.DEFAULT_MAX_WINDOW.toSeconds());

    /**
     * Parses the options string (null or empty for the defaults).
     *
     * @throws IllegalArgumentException naming the option and value at fault
     */
    static AgentOptions parse(String args) {
        AgentOptions o = DEFAULTS;
        if (args == null || args.isBlank()) {
            return o;
        }
        Set<String> seen = new HashSet<>();
        for (String pair : args.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("option '" + pair + "' is not key=value");
            }
            String key = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            if (!seen.add(key)) {
                throw new IllegalArgumentException("option " + key + " is given twice");
            }
            switch (key) {
                case "host" -> o = new AgentOptions(value, o.port, o.token, o.heapDump, o.maxSeconds);
                case "port" -> o = new AgentOptions(o.host, number(key, value, 0, 65535), o.token, o.heapDump, o.maxSeconds);
                case "token" -> o = new AgentOptions(o.host, o.port, value.isEmpty() ? null : value, o.heapDump, o.maxSeconds);
                case "heapdump" -> o = new AgentOptions(o.host, o.port, o.token, bool(key, value), o.maxSeconds);
                case "maxSeconds" -> o = new AgentOptions(o.host, o.port, o.token, o.heapDump, number(key, value, 1, 3600));
                default -> throw new IllegalArgumentException(
                        "unknown option '" + key + "' (known: host, port, token, heapdump, maxSeconds)");
            }
        }
        return o;
    }

    PprofSettings pprofSettings() {
        return new PprofSettings(Duration.ofSeconds(maxSeconds), heapDump);
    }

    /** For messages: the token is never printed. */
    @Override
    public String toString() {
        return "host=" + host + ",port=" + port + (token == null ? "" : ",token=***") + ",heapdump=" + heapDump
                + ",maxSeconds=" + maxSeconds;
    }

    private static int number(String key, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a number from " + min + " to " + max + ", got '" + value + "'");
    }

    private static boolean bool(String key, String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
    }
}
