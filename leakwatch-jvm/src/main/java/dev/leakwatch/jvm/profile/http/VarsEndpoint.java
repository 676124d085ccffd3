package dev.leakwatch.jvm.profile.http;

import com.sun.net.httpserver.HttpExchange;
import dev.leakwatch.jvm.profile.JvmVars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code /debug/vars}: memory, GC, threads and buffer pools as JSON. */
final class VarsEndpoint extends DebugEndpoint {
    private final Targets targets;

    VarsEndpoint(Targets targets) {
        this.targets = targets;
    }

    @Override
    void serve(HttpExchange exchange, QueryParams params) throws IOException, HttpStatusException {
        String json = targets.shared(params, JvmVars::json);
        Exchanges.send(exchange, 200, Exchanges.JSON + "; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }
}
