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
}
