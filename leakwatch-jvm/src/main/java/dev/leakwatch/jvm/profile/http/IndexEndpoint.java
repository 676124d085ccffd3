package dev.leakwatch.jvm.profile.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code /debug/pprof/}: an HTML page listing every {@code /debug/} endpoint with its description. */
final class IndexEndpoint extends DebugEndpoint {
    static final String PATH = "/debug/pprof/";

    private final RouteTable routes;

    IndexEndpoint(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    void serve(HttpExchange exchange, QueryParams params) throws IOException, HttpStatusException {
        String pid = params.pid().isPresent() ? "?pid=" + params.pid().getAsLong() : "";
        StringBuilder html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>/debug/pprof/</title></head><body>\n")
                .append("<h1>/debug/pprof/</h1>\n<p>Profiles of ")
                .append(pid.isEmpty() ? "this JVM" : "pid " + params.pid().getAsLong())
                .append(". Read profiles with <code>go tool pprof URL</code>; window endpoints take ")
                .append("<code>seconds</code>, and <code>pid</code> selects another local JVM where allowed.</p>\n")
                .append("<table>\n<tr><th>endpoint</th><th>description</th></tr>\n");
        for (Route route : routes.routes()) {
            if (!route.path().startsWith("/debug/") || route.path().equals(PATH)) {
                continue;
            }
            String name = route.path().startsWith(PATH) ? route.path().substring(PATH.length()) : route.path();
            html.append("<tr><td><a href=\"").append(escape(route.path() + pid)).append("\">").append(escape(name))
                    .append("</a></td><td>").append(escape(route.description())).append("</td></tr>\n");
        }
        html.append("</table>\n</body></html>\n");
        Exchanges.send(exchange, 200, Exchanges.HTML, html.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
