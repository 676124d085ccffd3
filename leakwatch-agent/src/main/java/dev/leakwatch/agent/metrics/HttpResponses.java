package dev.leakwatch.agent.metrics;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small complete responses: plain text, and JSON for the {@code /api/v1} endpoints. */
public final class HttpResponses {
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";

    private HttpResponses() {}

    /** Sends a complete plain-text response (nothing for HEAD). */
    public static void text(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a complete JSON response, already encoded as UTF-8 (nothing for HEAD). */
    public static void json(HttpExchange exchange, int status, byte[] body) throws IOException {
        send(exchange, status, JSON, body);
    }

    /**
     * Sends an error as {@code {"error": "<message>"}}, so that API clients parse errors as they
     * parse answers.
     */
    public static void jsonError(HttpExchange exchange, int status, String message) throws IOException {
        String quoted = new String(JsonStringEncoder.getInstance().quoteAsString(message));
        json(exchange, status, ("{\"error\":\"" + quoted + "\"}\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
