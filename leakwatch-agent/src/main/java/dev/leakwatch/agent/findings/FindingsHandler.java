package dev.leakwatch.agent.findings;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.leakwatch.agent.metrics.HttpResponses;
import dev.leakwatch.jvm.profile.http.HttpStatusException;
import dev.leakwatch.jvm.profile.http.QueryParams;
import java.io.IOException;
import java.util.List;

/**
 * {@code GET /api/v1/findings}, for the admin listener: the stored findings as a JSON array of
 * diagnosis documents, most recently updated first (see {@link FindingsDocuments}). Filters:
 * {@code pid=N}, {@code verdict=leak|no-leak|inconclusive}; by default only processes whose latest
 * diagnosis has findings, {@code all=true} adds those whose findings have cleared. A bad parameter
 * is a 400, another method than GET or HEAD a 405, a store that cannot be read a 503; errors are
 * {@code {"error": "..."}}.
 */
public final class FindingsHandler implements HttpHandler {
    private final FindingsRepository repository;

    public FindingsHandler(FindingsRepository repository) {
        this.repository = repository;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                HttpResponses.jsonError(exchange, 405, "method " + method + " not allowed; use GET");
                return;
            }
            FindingsQuery query;
            try {
                query = FindingsQuery.parse(QueryParams.parse(exchange.getRequestURI().getRawQuery()));
            } catch (HttpStatusException e) {
                HttpResponses.jsonError(exchange, e.status(), e.getMessage());
                return;
            }
            List<ProcessFindings> entries;
            try {
                entries = repository.all();
            } catch (FindingsException e) {
                HttpResponses.jsonError(exchange, 503, "the findings store cannot be read: " + e.getMessage());
                return;
            }
            HttpResponses.json(exchange, 200, FindingsDocuments.write(entries.stream().filter(query::accepts).toList()));
        }
    }
}
