package dev.leakwatch.jvm.profile.http;

import com.sun.net.httpserver.HttpExchange;
import dev.leakwatch.jvm.profile.Profiler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** {@code trace}: a JFR recording of the window, streamed from its temporary file, which is then deleted. */
final class TraceEndpoint extends DebugEndpoint {
    /** Go's default trace length. */
    static final Duration DEFAULT_WINDOW = Duration.ofSeconds(1);

    private final PprofSettings settings;
    private final Targets targets;

    TraceEndpoint(PprofSettings settings, Targets targets) {
        this.settings = settings;
        this.targets = targets;
    }

    @Override
    void serve(HttpExchange exchange, QueryParams params) throws IOException, HttpStatusException {
        Duration window = params.seconds(DEFAULT_WINDOW, settings.maxWindow());
        Path recording = targets.exclusive(params, target -> new Profiler(target).recordTrace(window));
        try {
            exchange.getResponseHeaders().set("Content-Type", Exchanges.BINARY);
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"trace.jfr\"");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : Files.size(recording));
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    Files.copy(recording, out);
                }
            }
        } finally {
            Files.deleteIfExists(recording);
        }
    }
}
