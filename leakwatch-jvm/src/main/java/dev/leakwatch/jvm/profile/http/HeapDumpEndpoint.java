package dev.leakwatch.jvm.profile.http;

import com.sun.net.httpserver.HttpExchange;
import dev.leakwatch.jvm.profile.HeapDump;
import java.io.IOException;
import java.io.OutputStream;

/**
 * {@code /debug/heapdump}: an HPROF dump of live objects, streamed then deleted. It exposes
 * every secret in the heap, so it answers 404, as if absent, unless enabled.
 */
final class HeapDumpEndpoint extends DebugEndpoint {
    private final PprofSettings settings;
    private final Targets targets;

    HeapDumpEndpoint(PprofSettings settings, Targets targets) {
        this.settings = settings;
        this.targets = targets;
    }

    @Override
    void serve(HttpExchange exchange, QueryParams params) throws IOException, HttpStatusException {
        if (!settings.heapDumpEnabled()) {
            throw new HttpStatusException(404, "heap dumps are disabled; enable them in the configuration");
        }
        HeapDump dump = targets.exclusive(params, HeapDump::take);
        try {
            exchange.getResponseHeaders().set("Content-Type", Exchanges.BINARY);
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"heap.hprof\"");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : dump.size());
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    dump.writeTo(out);
                }
            }
        } finally {
            dump.close();
        }
    }
}
