package dev.leakwatch.agent.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.leakwatch.agent.metrics.HttpResponses;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code POST /-/reload}, for the admin listener: re-reads the configuration file. 200 with
 * notes when applied; 400 listing every error (with line and column) when rejected, in which
 * case the running configuration stays; 405 for other methods.
 */
public final class ReloadHandler implements HttpHandler {
    private final Supplier<ReloadResult> reloader;

    /** @param reloader usually {@code daemon::reload} */
    public ReloadHandler(Supplier<ReloadResult> reloader) {
        this.reloader = reloader;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                HttpResponses.text(exchange, 405, "Use POST to reload the configuration.\n");
                return;
            }
            exchange.getRequestBody().transferTo(java.io.OutputStream.nullOutputStream());
            ReloadResult result = reloader.get();
            HttpResponses.text(exchange, result.applied() ? 200 : 400, result.describe());
        }
    }
}
