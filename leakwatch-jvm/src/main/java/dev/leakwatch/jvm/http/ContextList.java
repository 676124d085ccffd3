package dev.leakwatch.jvm.http;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The contexts of a server, matched as the JDK's server matches them: the longest context path
 * that the request path starts with (a plain string prefix, so {@code /metrics} also serves
 * {@code /metricsx}).
 */
final class ContextList {
    private final List<ListenerContext> contexts = new CopyOnWriteArrayList<>();

    synchronized void add(ListenerContext context) {
        if (find(context.getPath(), true).isPresent()) {
            throw new IllegalArgumentException("cannot add context to list: " + context.getPath() + " is already there");
        }
        contexts.add(context);
    }

    synchronized ListenerContext remove(String path) {
        ListenerContext context = find(path, true)
                .orElseThrow(() -> new IllegalArgumentException("cannot remove element from list: no context " + path));
        contexts.remove(context);
        return context;
    }

    synchronized void remove(ListenerContext context) {
        if (!contexts.remove(context)) {
            throw new IllegalArgumentException("cannot remove element from list: no context " + context.getPath());
        }
    }

    /** The context serving a request path, if any. */
    Optional<ListenerContext> match(String requestPath) {
        return find(requestPath, false);
    }

    private Optional<ListenerContext> find(String path, boolean exact) {
        ListenerContext best = null;
        for (ListenerContext c : contexts) {
            String cpath = c.getPath();
            boolean fits = exact ? cpath.equals(path) : path.startsWith(cpath);
            if (fits && (best == null || cpath.length() > best.getPath().length())) {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }
}
