package dev.leakwatch.jvm.profile.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A request's query parameters (the first value of each), and the typed parameters of the
 * debug endpoints. Bad values end the request with a 400 that names the parameter. Public so
 * that the JSON API mounted on the same listener parses its parameters by the same rules.
 */
public final class QueryParams {
    private static final int MAX_PARAMS = 32;

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    /** Parses a raw (still percent-encoded) query string; null or empty gives no parameters. */
    public static QueryParams parse(String rawQuery) throws HttpStatusException {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new QueryParams(values);
        }
        String[] pairs = rawQuery.split("&");
        if (pairs.length > MAX_PARAMS) {
            throw new HttpStatusException(400, "too many query parameters (at most " + MAX_PARAMS + ")");
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.putIfAbsent(key, value);
            } catch (IllegalArgumentException e) {
                throw new HttpStatusException(400, "malformed query string: " + e.getMessage());
            }
        }
        return new QueryParams(values);
    }

    /** {@code seconds}: a whole number from 1 to the maximum, or the default when absent. */
    Duration seconds(Duration defaultWindow, Duration max) throws HttpStatusException {
        String s = values.get("seconds");
        if (s == null || s.isEmpty()) {
            return defaultWindow.compareTo(max) > 0 ? max : defaultWindow;
        }
        long seconds;
        try {
            seconds = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new HttpStatusException(400, "seconds must be a whole number of seconds, got '" + s + "'");
        }
        if (seconds < 1) {
            throw new HttpStatusException(400, "seconds must be at least 1, got " + seconds);
        }
        if (seconds > max.toSeconds()) {
            throw new HttpStatusException(400, "seconds=" + seconds + " exceeds the limit of " + max.toSeconds());
        }
        return Duration.ofSeconds(seconds);
    }

    /** {@code pid}: a positive process id, or empty for this JVM. */
    public OptionalLong pid() throws HttpStatusException {
        String s = values.get("pid");
        if (s == null || s.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(s);
            if (pid > 0) {
                return OptionalLong.of(pid);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HttpStatusException(400, "pid must be a positive process id, got '" + s + "'");
    }

    /** A non-negative integer parameter such as {@code debug} or {@code gc}, 0 when absent. */
    int nonNegative(String name) throws HttpStatusException {
        String s = values.get(name);
        if (s == null || s.isEmpty()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(s);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HttpStatusException(400, name + " must be a non-negative integer, got '" + s + "'");
    }

    /** The decoded value of a parameter ({@code ""} when given without {@code =}), if present. */
    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The names of all parameters given. */
    public Set<String> names() {
        return Set.copyOf(values.keySet());
    }

    /** The raw {@code pid} value, to carry it into links. */
    String rawPid() {
        return values.get("pid");
    }
}
