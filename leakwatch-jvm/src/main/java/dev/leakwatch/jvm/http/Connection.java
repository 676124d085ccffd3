package dev.leakwatch.jvm.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * One accepted connection, served start to end on one thread: read a request head, run the
 * context's filters and handler, finish the response, and wait on the same socket for the next
 * request until the client closes, the idle timeout passes, or the response says close. Every
 * failure ends here: a bad head gets its 4xx/5xx and the connection closes; a handler that throws
 * gets a 500 if nothing was sent yet, else the connection closes.
 */
final class Connection implements Runnable {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    private static final int OUTPUT_BUFFER = 16 * 1024;

    private final ThreadPerConnectionServer server;
    private final Socket socket;
    private final ListenerSettings settings;
    private OutputStream output;
    /** Whether a request is in flight (guarded by the server's lock). */
    boolean busy;

    Connection(ThreadPerConnectionServer server, Socket socket, ListenerSettings settings) {
        this.server = server;
        this.socket = socket;
        this.settings = settings;
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "connection from " + socket.getRemoteSocketAddress() + " ended: " + e);
        } catch (Error e) {
            LOG.log(Level.WARNING, "connection from " + socket.getRemoteSocketAddress() + " failed", e);
        } finally {
            closeSocket();
            server.connectionEnded(this);
        }
    }

    private void serve() throws IOException {
        ConnectionInput input = new ConnectionInput(socket);
        output = new BufferedOutputStream(socket.getOutputStream(), OUTPUT_BUFFER);
        RequestHeadParser parser = new RequestHeadParser(settings.headLimits());
        int idleMillis = (int) settings.idleTimeout().toMillis();
        long headNanos = settings.headTimeout().toNanos();
        while (server.connectionIdle(this)) {
            input.readTimeout(idleMillis);
            try {
                if (!input.awaitByte()) {
                    return;
                }
            } catch (SocketTimeoutException e) {
                return;
            }
            if (!server.connectionBusy(this)) {
                return;
            }
            input.deadline(System.nanoTime() + headNanos);
            RequestHead head;
            try {
                head = parser.parse(input);
            } catch (SocketTimeoutException e) {
                server.counters().timeouts.increment();
                return;
            } catch (HttpParseException e) {
                server.counters().badRequests.increment();
                answerAndClose(e.status(), e.getMessage());
                return;
            }
            if (head == null) {
                return;
            }
            input.readTimeout(idleMillis);
            server.counters().requests.increment();
            if (!exchange(head, input)) {
                return;
            }
        }
    }

    /** Serves one request; whether the connection stays open. */
    private boolean exchange(RequestHead head, ConnectionInput input) throws IOException {
        RequestBody body;
        URI uri;
        try {
            body = body(head, input);
            uri = new URI(head.target());
        } catch (HttpParseException e) {
            server.counters().badRequests.increment();
            answerAndClose(e.status(), e.getMessage());
            return false;
        } catch (URISyntaxException e) {
            server.counters().badRequests.increment();
            answerAndClose(400, "malformed request target");
            return false;
        }
        String path = uri.getPath();
        Optional<ListenerContext> context = path == null ? Optional.empty() : server.contexts().match(path);
        if (context.isEmpty() || context.get().getHandler() == null) {
            answer(head, context.isEmpty() ? 404 : 500, context.isEmpty() ? "No context found for request" : "No handler for context");
            return body.drain(settings.maxDrainBytes()) && !head.http10() && !wantsClose(head);
        }
        ListenerExchange exchange = new ListenerExchange(this, head, uri, context.get(), body,
                head.http10() || wantsClose(head));
        try {
            chain(context.get()).doFilter(exchange);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "request " + head.target() + " ended: " + e);
            return failed(exchange);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "handler of " + head.target() + " failed", e);
            return failed(exchange);
        }
        if (!exchange.headersSent()) {
            LOG.log(Level.WARNING, "handler of " + head.target() + " returned without a response");
            return failed(exchange);
        }
        if (!exchange.finished()) {
            exchange.close();
        }
        return exchange.keepsConnection();
    }

    /** After a handler failure: a 500 if nothing was sent, and the connection closes either way. */
    private boolean failed(ListenerExchange exchange) {
        if (!exchange.headersSent()) {
            try {
                answerAndClose(500, "Internal Server Error");
            } catch (IOException e) {
                // The client is gone; the connection closes anyway.
            }
        }
        exchange.abandon();
        return false;
    }

    private Filter.Chain chain(ListenerContext context) {
        HttpHandler handler = context.getHandler();
        List<Filter> filters = context.getFilters();
        if (context.getAuthenticator() != null) {
            filters = new java.util.ArrayList<>(filters);
            filters.add(0, new AuthenticatorFilter(context.getAuthenticator()));
        }
        return new Filter.Chain(filters, handler);
    }

    private RequestBody body(RequestHead head, ConnectionInput input) throws HttpParseException {
        List<String> codings = head.headers().get("Transfer-encoding");
        List<String> lengths = head.headers().get("Content-length");
        RequestBody.Continuation continuation = continuation(head);
        if (codings != null) {
            if (lengths != null) {
                // Both framings: a proxy in front may have read the other one (RFC 9112 section 6.3).
                throw new HttpParseException(400, "both Transfer-Encoding and Content-Length");
            }
            if (codings.size() != 1 || !codings.get(0).strip().equalsIgnoreCase("chunked") || head.http10()) {
                throw new HttpParseException(501, "transfer coding not supported: " + codings);
            }
            return RequestBody.chunked(input, continuation);
        }
        long length = 0;
        if (lengths != null) {
            String first = lengths.get(0).strip();
            for (String l : lengths) {
                if (!l.strip().equals(first)) {
                    throw new HttpParseException(400, "conflicting Content-Length values");
                }
            }
            if (first.isEmpty() || first.length() > 18 || !first.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new HttpParseException(400, "malformed Content-Length");
            }
            length = Long.parseLong(first);
        }
        return RequestBody.fixed(input, length, continuation);
    }

    private RequestBody.Continuation continuation(RequestHead head) throws HttpParseException {
        String expect = head.headers().getFirst("Expect");
        if (expect == null || head.http10()) {
            return null;
        }
        if (!expect.strip().equalsIgnoreCase("100-continue")) {
            throw new HttpParseException(417, "unsupported expectation");
        }
        return () -> {
            output.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            output.flush();
        };
    }

    private static boolean wantsClose(RequestHead head) {
        List<String> values = head.headers().get("Connection");
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String option : value.split(",")) {
                if (option.strip().equalsIgnoreCase("close")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A short plain-text answer of the listener's own (no context, no handler). */
    private void answer(RequestHead head, int status, String message) throws IOException {
        byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
        boolean headRequest = "HEAD".equals(head.method());
        boolean close = head.http10() || wantsClose(head) || stopping();
        output.write(plainTextHead(status, text.length, close));
        if (!headRequest) {
            output.write(text);
        }
        output.flush();
    }

    private void answerAndClose(int status, String message) throws IOException {
        output.write(errorResponse(status, message));
        output.flush();
    }

    /** A complete response that ends the connection, for an error found before any handler. */
    static byte[] errorResponse(int status, String message) {
        byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] h = plainTextHead(status, text.length, true);
        byte[] all = new byte[h.length + text.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(text, 0, all, h.length, text.length);
        return all;
    }

    /** The status line and headers of a short plain-text answer of the listener's own. */
    private static byte[] plainTextHead(int status, int length, boolean close) {
        String head = "HTTP/1.1 " + status + " " + StatusLines.reason(status) + "\r\n"
                + "Date: " + StatusLines.date(java.time.Instant.now()) + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + length + "\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n";
        return head.getBytes(StandardCharsets.ISO_8859_1);
    }

    OutputStream output() {
        return output;
    }

    boolean stopping() {
        return server.stopping();
    }

    long maxDrainBytes() {
        return settings.maxDrainBytes();
    }

    InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Closes the socket; a thread blocked reading or writing it gets an exception and ends. */
    void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "closing a connection failed: " + e);
        }
    }

    /** Runs the context's authenticator as the JDK's server does, before the user's filters. */
    private static final class AuthenticatorFilter extends Filter {
        private final com.sun.net.httpserver.Authenticator authenticator;

        AuthenticatorFilter(com.sun.net.httpserver.Authenticator authenticator) {
            this.authenticator = authenticator;
        }

        @Override
        public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            com.sun.net.httpserver.Authenticator.Result result = authenticator.authenticate(exchange);
            if (result instanceof com.sun.net.httpserver.Authenticator.Success success) {
                ((ListenerExchange) exchange).principal(success.getPrincipal());
                chain.doFilter(exchange);
            } else if (result instanceof com.sun.net.httpserver.Authenticator.Failure failure) {
                exchange.sendResponseHeaders(failure.getResponseCode(), -1);
                exchange.close();
            } else if (result instanceof com.sun.net.httpserver.Authenticator.Retry retry) {
                exchange.sendResponseHeaders(retry.getResponseCode(), -1);
                exchange.close();
            }
        }

        @Override
        public String description() {
            return "the context's authenticator";
        }
    }
}
