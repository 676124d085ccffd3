package dev.leakwatch.agent.daemon;

import dev.leakwatch.agent.admin.AdminServer;
import dev.leakwatch.agent.admin.AdminSettings;
import dev.leakwatch.agent.config.AgentConfig;
import dev.leakwatch.agent.findings.FindingsHandler;
import dev.leakwatch.agent.findings.FindingsRepository;
import dev.leakwatch.agent.lifecycle.Component;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.logging.Logger;

/**
 * The admin listener as a component of the daemon: the Go-style {@code /debug/pprof} endpoints for
 * the agent and any local JVM, {@code GET /api/v1/findings} and {@code POST /-/reload}. It binds where the config says (loopback
 * by default); a non-loopback bind needs a token, which the config check already demands.
 */
public final class AdminComponent implements Component {
    private static final Logger LOG = Logger.getLogger(AdminComponent.class.getName());
    private final AgentDaemon daemon;
    private final FindingsRepository findings;
    private AdminServer server;

    public AdminComponent(AgentDaemon.Context context) {
        this.daemon = context.daemon();
        this.findings = context.findings();
    }

    @Override
    public String name() {
        return "admin-server";
    }

    @Override
    public void start() throws IOException {
        AgentConfig.Admin admin = daemon.config().listeners().admin();
        String token = null;
        if (admin.tokenFile().isPresent()) {
            token = Files.readString(admin.tokenFile().get(), StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new IOException("admin.token_file: " + admin.tokenFile().get() + " is empty");
            }
        }
        AdminSettings settings = AdminSettings.defaults()
                .withHost(admin.address().host())
                .withPort(admin.address().port())
                .withToken(token)
                .withHeapDump(admin.heapDumpEnabled());
        server = AdminServer.start(settings);
        server.mount("/-/reload", "POST: reload the configuration file; a bad file is rejected with its errors",
                new ReloadHandler(daemon::reload));
        server.mount("/api/v1/findings", "JSON: the leak watch's latest diagnosis of each process with findings"
                + " (?pid=N, ?verdict=leak|no-leak|inconclusive, ?all=true to include cleared ones)",
                new FindingsHandler(findings));
        InetSocketAddress bound = server.address();
        LOG.info(() -> "admin listener on http://" + bound.getHostString() + ":" + bound.getPort() + "/");
    }

    /** Where the listener is bound (the actual port when the config asked for port 0). */
    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
