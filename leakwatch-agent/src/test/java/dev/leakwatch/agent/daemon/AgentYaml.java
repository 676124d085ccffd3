package dev.leakwatch.agent.daemon;

import java.nio.file.Path;

/** The start of the agent configurations the tests write: both listeners on an ephemeral loopback port. */
final class AgentYaml {
    private AgentYaml() {}

    /** Listeners on 127.0.0.1 port 0 and the data directory; the caller adds the rest. */
    static String loopback(Path dataDir) {
        return """
                listeners:
                  metrics:
                    address: 127.0.0.1:0
                  admin:
                    address: 127.0.0.1:0
                data_dir: %s
                """.formatted(dataDir);
    }

    /**
     * An agent that watches quickly: process and JVM collectors every second, host collectors
     * off, a 2 s leak watch over a 2-minute window, and no captures (the agent sees every JVM
     * on the host and must not attach to the tests' others).
     */
    static String fastLeakWatch(Path dataDir) {
        return loopback(dataDir) + """
                collectors:
                  host:
                    enabled: false
                  self:
                    interval: 1s
                  processes:
                    interval: 1s
                  jvms:
                    interval: 1s
                leak_watch:
                  interval: 2s
                  window: 2m
                  warmup: 10s
                  capture:
                    enabled: false
                """;
    }
}
