package dev.leakwatch.jvm.profile.http;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The routes of one listener. Routes may be added while the server runs (a component mounts
 * its API when it starts). An exact route wins over a prefix route; among prefix routes the
 * longest wins. Adding a route whose path and kind are already taken is an error.
 */
public final class RouteTable {
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    public synchronized RouteTable add(Route route) {
        for (Route r : routes) {
            if (r.path().equals(route.path()) && r.prefix() == route.prefix()) {
                throw new IllegalArgumentException("a route for " + route.path() + " is already mounted");
            }
        }
        routes.add(route);
        return this;
    }

    /** The route serving a request path, if any. */
    public Optional<Route> find(String requestPath) {
        Optional<Route> exact = routes.stream().filter(r -> !r.prefix() && r.matches(requestPath)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        return routes.stream()
                .filter(r -> r.prefix() && r.matches(requestPath))
                .max(Comparator.comparingInt(r -> r.path().length()));
    }

    /** All routes, sorted by path. */
    public List<Route> routes() {
        return routes.stream().sorted(Comparator.comparing(Route::path)).toList();
    }
}
