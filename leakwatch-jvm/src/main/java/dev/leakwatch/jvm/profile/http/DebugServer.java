package dev.leakwatch.jvm.profile.http;

import dev.leakwatch.jvm.http.ListenerSettings;
import dev.leakwatch.jvm.http.ThreadPerConnectionServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * An HTTP listener for admin and debug endpoints, on a {@link ThreadPerConnectionServer}.
 *
 * <p>Safe by default: it binds 127.0.0.1; binding any other address requires a bearer token
 * and is refused at start without one. Every request passes the {@link Dispatcher}'s checks.
 * At most {@code workers} connections are served at once, a thread each; beyond that a
 * connection is answered 503 and closed.
 *
 * <p>Threads: {@code <threadPrefix>-accept} and {@code <threadPrefix>-conn-<n>}, all daemons
 * made by the listener itself, so none can keep an application alive; while nobody connects, none
 * of them wakes.
 */
public final class DebugServer implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 6060;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_URI_LENGTH = 2048;
    /** Connections served at once: a browser opens up to six, plus a few command-line clients. */
    public static final int DEFAULT_WORKERS = 8;
    /** Seconds requests in flight may take to finish on {@link #close()}. */
    private static final int CLOSE_GRACE_SECONDS = 1;

    private final ThreadPerConnectionServer server;
    private final RouteTable routes;

    private DebugServer(ThreadPerConnectionServer server, RouteTable routes) {
        this.server = server;
        this.routes = routes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The routes; mount more at any time. */
    public RouteTable routes() {
        return routes;
    }

    /** The bound address (with the actual port when port 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops listening at once, lets requests in flight finish (up to a second), closes every connection. */
    @Override
    public void close() {
        server.stop(CLOSE_GRACE_SECONDS);
    }

    /** Settings of a {@link DebugServer}; {@link #start()} validates them. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String token;
        private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
        private int maxUriLength = DEFAULT_MAX_URI_LENGTH;
        private int workers = DEFAULT_WORKERS;
        private String threadPrefix = "leakwatch-admin";
        private RouteTable routes = new RouteTable();

        private Builder() {}

        /** Address to bind, default {@value DebugServer#DEFAULT_HOST}; anything else needs a token. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port, default {@value DebugServer#DEFAULT_PORT}; 0 picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Bearer token every request must carry; null for none (loopback only). */
        public Builder token(String token) {
            if (token != null && token.isBlank()) {
                throw new IllegalArgumentException("token must not be blank");
            }
            this.token = token;
            return this;
        }

        public Builder maxRequestBytes(int maxRequestBytes) {
            if (maxRequestBytes < 0) {
                throw new IllegalArgumentException("maxRequestBytes must be >= 0, got " + maxRequestBytes);
            }
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        public Builder maxUriLength(int maxUriLength) {
            if (maxUriLength < 16) {
                throw new IllegalArgumentException("maxUriLength must be >= 16, got " + maxUriLength);
            }
            this.maxUriLength = maxUriLength;
            return this;
        }

        /** Most connections served at once (a thread each), default {@value DebugServer#DEFAULT_WORKERS}. */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be >= 1, got " + workers);
            }
            this.workers = workers;
            return this;
        }

        /** Names the listener's threads, e.g. {@code leakwatch-admin}; must start with {@code leakwatch-}. */
        public Builder threadPrefix(String threadPrefix) {
            if (!threadPrefix.startsWith("leakwatch-")) {
                throw new IllegalArgumentException("threadPrefix must start with 'leakwatch-': " + threadPrefix);
            }
            this.threadPrefix = threadPrefix;
            return this;
        }

        /** Routes to serve, e.g. a table already filled by other components. */
        public Builder routes(RouteTable routes) {
            this.routes = Objects.requireNonNull(routes, "routes");
            return this;
        }

        /**
         * Binds and starts the listener.
         *
         * @throws IllegalArgumentException if the address is not loopback and there is no token
         * @throws IOException if the address cannot be bound
         */
        public DebugServer start() throws IOException {
            InetAddress address = InetAddress.getByName(host);
            if (!address.isLoopbackAddress() && token == null) {
                throw new IllegalArgumentException("refusing to listen on " + host + ":" + port
                        + " without a token: it is reachable from other hosts, and these endpoints expose "
                        + "stacks, heap contents and command lines. Set a token or bind 127.0.0.1.");
            }
            Dispatcher dispatcher = new Dispatcher(routes, BearerToken.of(token), maxRequestBytes, maxUriLength);
            ThreadPerConnectionServer server;
            try {
                server = ThreadPerConnectionServer.create(new InetSocketAddress(address, port), 0,
                        ListenerSettings.defaults(threadPrefix).withMaxConnections(workers));
            } catch (IOException e) {
                throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            server.createContext("/", dispatcher);
            server.start();
            return new DebugServer(server, routes);
        }
    }
}
