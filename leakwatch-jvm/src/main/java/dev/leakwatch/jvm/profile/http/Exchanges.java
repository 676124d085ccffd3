package dev.leakwatch.jvm.profile.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing responses. */
final class Exchanges {
    static final String TEXT = "text/plain; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json";
    static final String BINARY = "application/octet-stream";

    private Exchanges() {}

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static void text(HttpExchange exchange, int status, String text) throws IOException {
        send(exchange, status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A downloadable file, as Go's pprof handlers send profiles. */
    static void attachment(HttpExchange exchange, String filename, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        send(exchange, 200, BINARY, body);
    }

    /** An error, unless the response has already begun (then the connection just ends). */
    static void error(HttpExchange exchange, int status, String message) throws IOException {
        if (exchange.getResponseCode() == -1) {
            text(exchange, status, message.endsWith("\n") ? message : message + "\n");
        }
    }
}
