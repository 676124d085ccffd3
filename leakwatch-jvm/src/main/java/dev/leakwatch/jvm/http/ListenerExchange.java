package dev.leakwatch.jvm.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One request and its response on a connection, with the JDK server's semantics for
 * {@link #sendResponseHeaders}: a length above 0 is the {@code Content-Length}, 0 means chunked
 * (or, for HTTP/1.0, a body ended by closing the connection), -1 no body; a HEAD request, a 1xx,
 * 204 or 304 gets no body whatever the length; every response carries a {@code Date}.
 */
final class ListenerExchange extends HttpExchange {
    private final Connection connection;
    private final RequestHead head;
    private final URI uri;
    private final ListenerContext context;
    private final Headers responseHeaders = new Headers();
    private final RequestBody requestBody;
    private final ResponseBody responseBody;
    private final Map<String, Object> attributes = new HashMap<>();
    private InputStream in;
    private OutputStream out;
    private HttpPrincipal principal;
    private int responseCode = -1;
    private boolean closeAfter;
    private boolean finished;
    private boolean failed;

    ListenerExchange(Connection connection, RequestHead head, URI uri, ListenerContext context, RequestBody body,
            boolean closeAfter) {
        this.connection = connection;
        this.head = head;
        this.uri = uri;
        this.context = context;
        this.requestBody = body;
        this.closeAfter = closeAfter;
        this.responseBody = new ResponseBody(connection.output(), this::bodyClosed);
        this.in = requestBody;
        this.out = responseBody;
    }

    @Override
    public Headers getRequestHeaders() {
        return head.headers();
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return uri;
    }

    @Override
    public String getRequestMethod() {
        return head.method();
    }

    @Override
    public HttpContext getHttpContext() {
        return context;
    }

    /** Ends the exchange: the response, if its headers were sent, else the connection. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            if (!responseBody.framed()) {
                failed = true;
                finish();
                return;
            }
            try {
                in.close();
            } catch (IOException e) {
                failed = true;
            }
            out.close();
        } catch (IOException e) {
            failed = true;
            finish();
        }
    }

    @Override
    public InputStream getRequestBody() {
        return in;
    }

    @Override
    public OutputStream getResponseBody() {
        return out;
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (responseBody.framed()) {
            throw new IOException("headers already sent");
        }
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("status must be 100-999, got " + code);
        }
        responseCode = code;
        boolean noBodyAllowed = code < 200 || code == 204 || code == 304;
        boolean lengthHeader = !(code < 200 || code == 204);
        responseHeaders.set("Date", StatusLines.date(Instant.now()));
        ResponseBody.Framing framing;
        long framedLength = 0;
        if (noBodyAllowed) {
            // 1xx and 204 must not have a length; 304's is the handler's to set, as for HEAD.
            framing = ResponseBody.Framing.NONE;
        } else if (isHead()) {
            // As the JDK's server: no length is set for HEAD (a handler that knows it sets the header).
            framing = ResponseBody.Framing.DISCARD;
        } else if (length == 0) {
            if (head.http10()) {
                framing = ResponseBody.Framing.CLOSE_DELIMITED;
                closeAfter = true;
            } else {
                framing = ResponseBody.Framing.CHUNKED;
                responseHeaders.set("Transfer-Encoding", "chunked");
            }
        } else {
            framedLength = Math.max(length, 0);
            framing = length < 0 ? ResponseBody.Framing.NONE : ResponseBody.Framing.FIXED;
            if (lengthHeader) {
                responseHeaders.set("Content-Length", Long.toString(framedLength));
            }
        }
        if (connection.stopping() || "close".equalsIgnoreCase(responseHeaders.getFirst("Connection"))) {
            closeAfter = true;
        }
        if (closeAfter) {
            responseHeaders.set("Connection", "close");
        }
        responseBody.frame(framing, framedLength);
        StringBuilder s = new StringBuilder(256);
        s.append(head.http10() ? "HTTP/1.0 " : "HTTP/1.1 ").append(code).append(' ').append(StatusLines.reason(code)).append("\r\n");
        for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
            for (String value : e.getValue()) {
                s.append(e.getKey()).append(": ").append(value == null ? "" : value).append("\r\n");
            }
        }
        s.append("\r\n");
        connection.output().write(s.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public int getResponseCode() {
        return responseCode;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return connection.localAddress();
    }

    @Override
    public String getProtocol() {
        return head.http10() ? "HTTP/1.0" : "HTTP/1.1";
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        if (i != null) {
            in = i;
        }
        if (o != null) {
            out = o;
        }
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return principal;
    }

    void principal(HttpPrincipal principal) {
        this.principal = principal;
    }

    boolean headersSent() {
        return responseBody.framed();
    }

    boolean finished() {
        return finished;
    }

    /** Whether the connection can serve another request after this exchange. */
    boolean keepsConnection() {
        return finished && !failed && !closeAfter;
    }

    /** Ends the exchange after a handler failure: the connection will close. */
    void abandon() {
        failed = true;
        finish();
    }

    private boolean isHead() {
        return "HEAD".equals(head.method());
    }

    private void bodyClosed(boolean complete) throws IOException {
        if (!complete) {
            failed = true;
        }
        finish();
        connection.output().flush();
    }

    /** Drains what the handler left of the request body so the next request can be read. */
    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (!failed && !requestBody.ended()) {
            if (requestBody.continuePending() || !requestBody.drain(connection.maxDrainBytes())) {
                closeAfter = true;
            }
        }
    }
}
