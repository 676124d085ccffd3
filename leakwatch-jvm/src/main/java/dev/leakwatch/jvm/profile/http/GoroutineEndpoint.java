package dev.leakwatch.jvm.profile.http;

import com.sun.net.httpserver.HttpExchange;
import dev.leakwatch.jvm.profile.ProfileKind;
import dev.leakwatch.jvm.profile.ProfileRequest;
import dev.leakwatch.jvm.profile.Profiler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;

/** {@code goroutine}: thread stacks as a pprof profile, or as text with {@code debug=1} (grouped) or {@code debug=2} (full). */
final class GoroutineEndpoint extends DebugEndpoint {
    private final Targets targets;

    GoroutineEndpoint(Targets targets) {
        this.targets = targets;
    }

    @Override
    void serve(HttpExchange exchange, QueryParams params) throws IOException, HttpStatusException {
        int debug = params.nonNegative("debug");
        if (debug > 2) {
            throw new HttpStatusException(400, "debug must be 0 (pprof), 1 (grouped text) or 2 (full dump), got " + debug);
        }
        if (debug > 0) {
            Exchanges.text(exchange, 200, targets.shared(params, target -> new Profiler(target).threadDump(debug)));
            return;
        }
        byte[] profile = targets.shared(params, target -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new Profiler(target).writeProfile(ProfileRequest.of(ProfileKind.GOROUTINE, Duration.ZERO), out);
            return out.toByteArray();
        });
        Exchanges.attachment(exchange, "goroutine", profile);
    }
}
