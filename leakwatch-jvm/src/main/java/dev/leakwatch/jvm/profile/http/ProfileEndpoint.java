package dev.leakwatch.jvm.profile.http;

import com.sun.net.httpserver.HttpExchange;
import dev.leakwatch.jvm.profile.ProfileKind;
import dev.leakwatch.jvm.profile.ProfileRequest;
import dev.leakwatch.jvm.profile.Profiler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;

/** {@code heap}, {@code allocs}, {@code profile}, {@code block}, {@code mutex}: a pprof profile over a window. */
final class ProfileEndpoint extends DebugEndpoint {
    private final ProfileKind kind;
    private final Duration defaultWindow;
    private final PprofSettings settings;
    private final Targets targets;

    ProfileEndpoint(ProfileKind kind, Duration defaultWindow, PprofSettings settings, Targets targets) {
        this.kind = kind;
        this.defaultWindow = defaultWindow;
        this.settings = settings;
        this.targets = targets;
    }

    @Override
    void serve(HttpExchange exchange, QueryParams params) throws IOException, HttpStatusException {
        if (params.nonNegative("debug") > 0) {
            throw new HttpStatusException(400, "debug text is served by goroutine only; " + kind.endpoint()
                    + " serves the pprof protobuf (read it with go tool pprof)");
        }
        ProfileRequest request = new ProfileRequest(
                kind, params.seconds(defaultWindow, settings.maxWindow()), params.nonNegative("gc") > 0);
        byte[] profile = targets.exclusive(params, target -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new Profiler(target).writeProfile(request, out);
            return out.toByteArray();
        });
        Exchanges.attachment(exchange, kind.endpoint(), profile);
    }
}
