package dev.leakwatch.agent.admin;

import com.sun.net.httpserver.HttpHandler;
import dev.leakwatch.jvm.profile.http.DebugServer;
import dev.leakwatch.jvm.profile.http.PprofRoutes;
import dev.leakwatch.jvm.profile.http.Route;
import dev.leakwatch.jvm.profile.http.RouteTable;
import dev.leakwatch.jvm.profile.http.TargetResolver;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The agent's admin listener: starts with the debug endpoints mounted, and takes further
 * routes (the JSON API under {@code /api/v1/}, the UI under {@code /}) from the components
 * that serve them, at any time. Authentication, size limits and security headers apply to
 * every route alike.
 *
 * <pre>{@code
 * try (AdminServer admin = AdminServer.start(AdminSettings.defaults())) {
 *     admin.mountPrefix("/api/v1/", "JSON API: processes, series, findings, reports.", apiHandler);
 *     ...
 * }
 * }</pre>
 */
public final class AdminServer implements AutoCloseable {
    private final DebugServer server;

    private AdminServer(DebugServer server) {
        this.server = server;
    }

    /** Starts the listener; {@code ?pid=N} reaches any local JVM. */
    public static AdminServer start(AdminSettings settings) throws IOException {
        return start(settings, TargetResolver.localJvms());
    }

    /**
     * Starts the listener with the given way of resolving {@code ?pid=N}.
     *
     * @throws IllegalArgumentException if the host is not loopback and there is no token
     * @throws IOException if the address cannot be bound
     */
    public static AdminServer start(AdminSettings settings, TargetResolver targets) throws IOException {
        DebugServer server = DebugServer.builder()
                .host(settings.host())
                .port(settings.port())
                .token(settings.token())
                .threadPrefix("leakwatch-admin")
                .start();
        PprofRoutes.mount(server.routes(), settings.pprof(), targets);
        return new AdminServer(server);
    }

    /** Serves exactly this path. */
    public AdminServer mount(String path, String description, HttpHandler handler) {
        server.routes().add(Route.exact(path, description, handler));
        return this;
    }

    /** Serves this path and everything below it; {@code path} ends with '/'. */
    public AdminServer mountPrefix(String path, String description, HttpHandler handler) {
        server.routes().add(Route.prefix(path, description, handler));
        return this;
    }

    public RouteTable routes() {
        return server.routes();
    }

    public InetSocketAddress address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }
}
