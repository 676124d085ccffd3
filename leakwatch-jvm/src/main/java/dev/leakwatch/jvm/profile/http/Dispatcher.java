package dev.leakwatch.jvm.profile.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * The one handler of a {@link DebugServer}: applies the listener's rules to every request,
 * then hands it to its route. In order: security headers on every response, the URI
 * length limit (414), the declared body size (413; undeclared bodies are cut at the limit
 * while read), the bearer token (401, before anything reveals which paths exist), the route
 * (404). Failures of a handler become a 500 with a one-line cause, never a stack trace.
 */
final class Dispatcher implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final RouteTable routes;
    private final BearerToken token;
    private final int maxRequestBytes;
    private final int maxUriLength;

    Dispatcher(RouteTable routes, BearerToken token, int maxRequestBytes, int maxUriLength) {
        this.routes = routes;
        this.token = token;
        this.maxRequestBytes = maxRequestBytes;
        this.maxUriLength = maxUriLength;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            dispatch(exchange);
        } catch (LimitedInputStream.RequestTooLargeException e) {
            Exchanges.error(exchange, 413, "request body larger than " + maxRequestBytes + " bytes");
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "request " + exchange.getRequestURI().getRawPath() + " failed", e);
            Exchanges.error(exchange, 500, "internal error: " + e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        int uriLength = (rawPath == null ? 0 : rawPath.length()) + (rawQuery == null ? 0 : rawQuery.length() + 1);
        if (uriLength > maxUriLength) {
            Exchanges.error(exchange, 414, "request URI longer than " + maxUriLength + " characters");
            return;
        }
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && !fits(declared)) {
            Exchanges.error(exchange, 413, "request body larger than " + maxRequestBytes + " bytes");
            return;
        }
        exchange.setStreams(new LimitedInputStream(exchange.getRequestBody(), maxRequestBytes), null);
        if (!token.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"leakwatch\"");
            Exchanges.error(exchange, 401, "a valid bearer token is required (Authorization: Bearer <token>)");
            return;
        }
        Optional<Route> route = routes.find(rawPath == null ? "/" : rawPath);
        if (route.isEmpty()) {
            Exchanges.error(exchange, 404, "no such endpoint: " + rawPath);
            return;
        }
        route.get().handler().handle(exchange);
    }

    private boolean fits(String contentLength) {
        try {
            long n = Long.parseLong(contentLength.strip());
            return n >= 0 && n <= maxRequestBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
