package dev.leakwatch.jvm.http;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server with the JDK's {@link HttpServer} API that serves each connection on one
 * thread, as Go's {@code net/http} does: a thread blocked in {@code accept()} hands each new
 * connection directly to a connection thread, which reads a request, runs the handler, writes the
 * response and blocks reading the next request on the same socket until the client closes or the
 * idle timeout passes.
 *
 * <p>Why not the JDK's server: its selector thread takes part in every exchange. Per new
 * connection it wakes to accept, hands the connection to a worker, wakes again when the worker
 * posts that the response is written (to watch the connection for the next request), and a worker
 * is woken once more to read the client's close; on a persistent connection three wake-ups per
 * request; and it wakes once a second from its {@code select} timeout while idle. On a virtual
 * machine a wake-up costs 100-200 µs of CPU. Here a new connection costs the acceptor's wake-up,
 * the connection thread's and the one for the client's close; a request on a kept connection
 * one; an idle server none (no thread has a timeout but the connection threads beyond the first,
 * which end after {@value #EXTRA_THREAD_IDLE_SECONDS} s idle).
 *
 * <p>Bounds: {@link ListenerSettings#maxConnections()} connections (threads) at once, beyond
 * which the acceptor answers 503 and closes; limits on the head (414, 431), a deadline for reading
 * a head once its first byte arrived and an idle timeout between requests; each counted
 * ({@link #connectionsAccepted()} and the other getters). Every accepted socket has
 * {@code TCP_NODELAY}, so a response written in pieces never waits for the client's delayed ACK.
 *
 * <p>{@link #setExecutor} is not supported: the connection threads are the executor.
 */
public final class ThreadPerConnectionServer extends HttpServer {
    private static final System.Logger LOG = System.getLogger(ThreadPerConnectionServer.class.getName());
    static final int EXTRA_THREAD_IDLE_SECONDS = 60;
    private static final long MIN_ACCEPT_BACKOFF_MILLIS = 5;
    private static final long MAX_ACCEPT_BACKOFF_MILLIS = 1000;

    private final ListenerSettings settings;
    private final ContextList contexts = new ContextList();
    private final ListenerCounters counters = new ListenerCounters();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor connectionThreads;
    private ServerSocket serverSocket;
    private Thread acceptor;
    private volatile boolean stopping;
    /** Connections with a request in flight (guarded by this). */
    private int busy;

    private ThreadPerConnectionServer(ListenerSettings settings) {
        this.settings = settings;
        AtomicInteger n = new AtomicInteger();
        this.connectionThreads = new ThreadPoolExecutor(1, settings.maxConnections(), EXTRA_THREAD_IDLE_SECONDS,
                TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> newThread(settings.threadPrefix() + "-conn-" + n.incrementAndGet(), r));
    }

    /** A server not yet bound: {@link #bind} it, then {@link #start} it. */
    public static ThreadPerConnectionServer create(ListenerSettings settings) {
        return new ThreadPerConnectionServer(settings);
    }

    /**
     * A server bound to an address (port 0 picks a free one), not yet started.
     *
     * @param backlog the accept queue's length; 0 or less for the system's default
     */
    public static ThreadPerConnectionServer create(InetSocketAddress address, int backlog, ListenerSettings settings)
            throws IOException {
        ThreadPerConnectionServer server = new ThreadPerConnectionServer(settings);
        server.bind(address, backlog);
        return server;
    }

    @Override
    public synchronized void bind(InetSocketAddress address, int backlog) throws IOException {
        if (serverSocket != null) {
            throw new java.net.BindException("already bound to " + serverSocket.getLocalSocketAddress());
        }
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(address, backlog > 0 ? backlog : 50);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        serverSocket = socket;
    }

    @Override
    public synchronized void start() {
        if (serverSocket == null) {
            throw new IllegalStateException("server not bound");
        }
        if (acceptor != null || stopping) {
            throw new IllegalStateException("server already started");
        }
        acceptor = newThread(settings.threadPrefix() + "-accept", this::acceptLoop);
        acceptor.start();
    }

    /** Not supported: each connection is served on a thread of the server's own. */
    @Override
    public void setExecutor(Executor executor) {
        throw new UnsupportedOperationException("this server serves each connection on a thread of its own");
    }

    @Override
    public Executor getExecutor() {
        return null;
    }

    /**
     * Stops accepting at once, closes the connections waiting for a request, lets the requests in
     * flight finish for up to {@code delaySeconds}, then closes every connection. Returns as soon
     * as the last request in flight ended, not after the whole delay.
     */
    @Override
    public void stop(int delaySeconds) {
        if (delaySeconds < 0) {
            throw new IllegalArgumentException("negative delay: " + delaySeconds);
        }
        List<Connection> idle = new ArrayList<>();
        synchronized (this) {
            stopping = true;
            for (Connection c : connections) {
                if (!c.busy) {
                    idle.add(c);
                }
            }
        }
        closeServerSocket();
        idle.forEach(Connection::closeSocket);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(delaySeconds);
        synchronized (this) {
            long left;
            while (busy > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        connections.forEach(Connection::closeSocket);
        connectionThreads.shutdownNow();
    }

    @Override
    public HttpContext createContext(String path, HttpHandler handler) {
        checkPath(path);
        ListenerContext context = new ListenerContext(path, handler, this);
        contexts.add(context);
        return context;
    }

    @Override
    public HttpContext createContext(String path) {
        return createContext(path, null);
    }

    @Override
    public void removeContext(String path) {
        contexts.remove(path);
    }

    @Override
    public void removeContext(HttpContext context) {
        if (!(context instanceof ListenerContext c) || c.getServer() != this) {
            throw new IllegalArgumentException("not a context of this server");
        }
        contexts.remove(c);
    }

    @Override
    public InetSocketAddress getAddress() {
        ServerSocket s = serverSocket;
        return s == null ? null : (InetSocketAddress) s.getLocalSocketAddress();
    }

    /** Connections accepted, including those refused at the cap. */
    public long connectionsAccepted() {
        return counters.accepted.sum();
    }

    /** Connections answered 503 and closed because {@code maxConnections} were being served. */
    public long connectionsRefused() {
        return counters.refused.sum();
    }

    /** Failed {@code accept()} calls, e.g. out of file descriptors. */
    public long acceptErrors() {
        return counters.acceptErrors.sum();
    }

    /** Connections open now. */
    public int connectionsOpen() {
        return connections.size();
    }

    /** Requests whose head was read, served or not. */
    public long requests() {
        return counters.requests.sum();
    }

    /** Requests answered with a 4xx/5xx by the listener itself (malformed or over a limit). */
    public long badRequests() {
        return counters.badRequests.sum();
    }

    /** Connections closed because a request's head was not read within the head timeout. */
    public long timeouts() {
        return counters.timeouts.sum();
    }

    ListenerCounters counters() {
        return counters;
    }

    ContextList contexts() {
        return contexts;
    }

    boolean stopping() {
        return stopping;
    }

    /** The connection waits for its next request; false if it should end (the server stops). */
    synchronized boolean connectionIdle(Connection c) {
        markIdle(c);
        return !stopping;
    }

    /** A request's first byte arrived; false if it should not be served (the server stops). */
    synchronized boolean connectionBusy(Connection c) {
        if (stopping) {
            return false;
        }
        c.busy = true;
        busy++;
        return true;
    }

    synchronized void connectionEnded(Connection c) {
        connections.remove(c);
        markIdle(c);
    }

    private void markIdle(Connection c) {
        if (c.busy) {
            c.busy = false;
            busy--;
            notifyAll();
        }
    }

    private synchronized boolean register(Connection c) {
        if (stopping) {
            return false;
        }
        connections.add(c);
        return true;
    }

    private void acceptLoop() {
        long backoff = 0;
        while (!stopping) {
            Socket socket;
            try {
                socket = serverSocket.accept();
                backoff = 0;
            } catch (IOException | RuntimeException e) {
                if (stopping || serverSocket.isClosed()) {
                    return;
                }
                // Out of file descriptors, or a connection reset before it was accepted: back off
                // as Go's server does (5 ms doubling to 1 s), so as not to spin.
                counters.acceptErrors.increment();
                backoff = backoff == 0 ? MIN_ACCEPT_BACKOFF_MILLIS : Math.min(backoff * 2, MAX_ACCEPT_BACKOFF_MILLIS);
                LOG.log(Level.WARNING, "accept failed, retrying in " + backoff + " ms: " + e);
                if (!pause(backoff)) {
                    return;
                }
                continue;
            }
            counters.accepted.increment();
            hand(socket);
        }
    }

    private void hand(Socket socket) {
        Connection c = new Connection(this, socket, settings);
        try {
            socket.setTcpNoDelay(true);
            if (!register(c)) {
                socket.close();
                return;
            }
            connectionThreads.execute(c);
        } catch (RejectedExecutionException e) {
            connectionEnded(c);
            refuse(socket);
        } catch (IOException | RuntimeException e) {
            connectionEnded(c);
            c.closeSocket();
        }
    }

    /**
     * Answers 503 and closes, on the acceptor's thread: the response is a few hundred bytes, which
     * a new socket's send buffer takes without blocking. What the client already sent is read
     * first, so the close does not reset the connection before the client reads the answer.
     */
    private void refuse(Socket socket) {
        counters.refused.increment();
        try (socket) {
            socket.getOutputStream().write(Connection.errorResponse(503,
                    "Too many connections (" + settings.maxConnections() + "); retry later."));
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            byte[] skip = new byte[4096];
            for (int n = in.available(); n > 0; n = in.available()) {
                in.read(skip, 0, Math.min(n, skip.length));
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "refusing a connection failed: " + e);
        }
    }

    private void closeServerSocket() {
        ServerSocket s;
        synchronized (this) {
            s = serverSocket;
        }
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, () -> "closing the listening socket failed: " + e);
            }
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void checkPath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("context path must start with '/': " + path);
        }
    }

    private static Thread newThread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((thread, e) ->
                LOG.log(Level.ERROR, "uncaught exception in " + thread.getName(), e));
        return t;
    }
}
