package dev.leakwatch.jvm.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A path prefix of a {@link ThreadPerConnectionServer}, its handler, filters and attributes. */
final class ListenerContext extends HttpContext {
    private final String path;
    private final HttpServer server;
    private final List<Filter> filters = new CopyOnWriteArrayList<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private volatile HttpHandler handler;
    private volatile Authenticator authenticator;

    ListenerContext(String path, HttpHandler handler, HttpServer server) {
        this.path = path;
        this.handler = handler;
        this.server = server;
    }

    @Override
    public HttpHandler getHandler() {
        return handler;
    }

    @Override
    public void setHandler(HttpHandler handler) {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        if (this.handler != null) {
            throw new IllegalArgumentException("handler already set for " + path);
        }
        this.handler = handler;
    }

    @Override
    public String getPath() {
        return path;
    }

    @Override
    public HttpServer getServer() {
        return server;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return attributes;
    }

    @Override
    public List<Filter> getFilters() {
        return filters;
    }

    @Override
    public Authenticator setAuthenticator(Authenticator authenticator) {
        Authenticator old = this.authenticator;
        this.authenticator = authenticator;
        return old;
    }

    @Override
    public Authenticator getAuthenticator() {
        return authenticator;
    }
}
