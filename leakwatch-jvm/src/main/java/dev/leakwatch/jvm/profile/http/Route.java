package dev.leakwatch.jvm.profile.http;

import com.sun.net.httpserver.HttpHandler;
import java.util.Objects;

/**
 * One endpoint of a {@link DebugServer}.
 *
 * @param path the path, e.g. {@code /debug/pprof/heap}; for a prefix route it ends with
 *     {@code /} and matches every path below it
 * @param prefix whether the route matches the paths below {@code path} too
 * @param description one line for index pages; required, so that no endpoint goes undocumented
 * @param handler serves the request; the server has already checked authentication and limits
 */
public record Route(String path, boolean prefix, String description, HttpHandler handler) {
    public Route {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + path);
        }
        if (prefix && !path.endsWith("/")) {
            throw new IllegalArgumentException("prefix route path must end with '/': " + path);
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("route " + path + " needs a description");
        }
    }

    /** A route for exactly this path. */
    public static Route exact(String path, String description, HttpHandler handler) {
        return new Route(path, false, description, handler);
    }

    /** A route for this path and everything below it (the path ends with '/'). */
    public static Route prefix(String path, String description, HttpHandler handler) {
        return new Route(path, true, description, handler);
    }

    boolean matches(String requestPath) {
        return prefix ? requestPath.startsWith(path) : requestPath.equals(path);
    }
}
