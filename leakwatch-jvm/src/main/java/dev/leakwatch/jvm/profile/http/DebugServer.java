package dev.leakwatch.jvm.profile.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP listener for admin and debug endpoints on the JDK's {@code com.sun.net.httpserver}.
 *
 * <p>Safe by default: it binds 127.0.0.1; binding any other address requires a bearer token
 * and is refused at start without one. Every request passes the {@link Dispatcher}'s checks.
 * Requests run on at most {@code workers} daemon threads that exist only while there is
 * work; a queue of {@value #QUEUE} waiting requests is the most it holds, beyond which
 * connections are closed.
 *
 * <p>Threads: the JDK's server starts a dispatcher thread (which inherits whether it is a
 * daemon from the thread that starts it) and a timer thread, with fixed names. The server
 * is therefore started from a short-lived daemon thread in a thread group of its own, and the
 * threads it leaves in that group are renamed {@code <threadPrefix>-<name>}, so that every
 * thread of the listener is a daemon named after it and none can keep an application alive.
 */
public final class DebugServer implements AutoCloseable {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 6060;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_URI_LENGTH = 2048;
    public static final int DEFAULT_WORKERS = 4;
    static final int QUEUE = 32;

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final RouteTable routes;

    private DebugServer(HttpServer server, ThreadPoolExecutor workers, RouteTable routes) {
        this.server = server;
        this.workers = workers;
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

    /** Stops listening at once and ends the worker threads. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
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

        /** Most requests served at once, default {@value DebugServer#DEFAULT_WORKERS}. */
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
            ThreadPoolExecutor pool = workerPool();
            Dispatcher dispatcher = new Dispatcher(routes, BearerToken.of(token), maxRequestBytes, maxUriLength);
            ThreadGroup group = new ThreadGroup(threadPrefix);
            CompletableFuture<HttpServer> started = new CompletableFuture<>();
            Thread starter = new Thread(group, () -> {
                try {
                    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
                    server.createContext("/", dispatcher);
                    server.setExecutor(pool);
                    server.start();
                    started.complete(server);
                } catch (Throwable t) {
                    started.completeExceptionally(t);
                }
            }, threadPrefix + "-start");
            starter.setDaemon(true);
            starter.start();
            HttpServer server = await(started, pool);
            nameThreads(group);
            return new DebugServer(server, pool, routes);
        }

        private ThreadPoolExecutor workerPool() {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(QUEUE), r -> {
                        Thread t = new Thread(r, threadPrefix + "-http-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }

        private HttpServer await(CompletableFuture<HttpServer> started, ThreadPoolExecutor pool) throws IOException {
            try {
                return started.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pool.shutdownNow();
                throw new IOException("interrupted while starting the listener on " + host + ":" + port, e);
            } catch (ExecutionException e) {
                pool.shutdownNow();
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw new IOException("cannot listen on " + host + ":" + port + ": " + io.getMessage(), io);
                }
                throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + cause, cause);
            }
        }

        private void nameThreads(ThreadGroup group) {
            Thread[] threads = new Thread[group.activeCount() + 4];
            int count = group.enumerate(threads, true);
            for (int i = 0; i < count; i++) {
                String name = threads[i].getName();
                if (!name.startsWith("leakwatch-")) {
                    threads[i].setName(threadPrefix + "-" + name.toLowerCase(Locale.ROOT));
                }
            }
        }
    }
}
