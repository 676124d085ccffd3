package dev.leakwatch.jvm.profile.http;

import com.sun.net.httpserver.HttpExchange;
import dev.leakwatch.jvm.profile.CommandLine;
import java.io.IOException;

/** {@code cmdline}: the JVM's command line, arguments separated by NUL bytes as in Go. */
final class CmdlineEndpoint extends DebugEndpoint {
    private final Targets targets;

    CmdlineEndpoint(Targets targets) {
        this.targets = targets;
    }

    @Override
    void serve(HttpExchange exchange, QueryParams params) throws IOException, HttpStatusException {
        Exchanges.text(exchange, 200, String.join("\0", targets.shared(params, CommandLine::of)));
    }
}
