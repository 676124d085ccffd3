package dev.leakwatch.jvm.profile.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.leakwatch.jvm.profile.ProfileUnavailableException;
import dev.leakwatch.jvm.profile.TargetUnreachableException;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Base of the debug endpoints: GET (or HEAD) only, parameters parsed, and failures mapped to
 * statuses with a one-line text body: bad parameters 400, no such pid 404, a JVM that must
 * not be attached to 403, a profile the target cannot make 501, a failed attach or an
 * interrupted window 503, other I/O failures 500. Error
 * responses carry {@code X-Go-Pprof: 1}, as Go's do, so that {@code go tool pprof} shows
 * the body as the error.
 */
abstract class DebugEndpoint implements HttpHandler {

    @Override
    public final void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            fail(exchange, 405, "method " + method + " not allowed");
            return;
        }
        try {
            serve(exchange, QueryParams.parse(exchange.getRequestURI().getRawQuery()));
        } catch (HttpStatusException e) {
            fail(exchange, e.status(), e.getMessage());
        } catch (IllegalArgumentException e) {
            fail(exchange, 400, e.getMessage());
        } catch (TargetUnreachableException e) {
            fail(exchange, switch (e.kind()) {
                case NO_SUCH_PROCESS -> 404;
                case REFUSED -> 403;
                case FAILED -> 503;
            }, e.getMessage());
        } catch (ProfileUnavailableException e) {
            fail(exchange, 501, e.getMessage());
        } catch (InterruptedIOException e) {
            fail(exchange, 503, "interrupted: " + e.getMessage());
        } catch (IOException e) {
            if (e instanceof LimitedInputStream.RequestTooLargeException) {
                throw e;
            }
            fail(exchange, 500, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    abstract void serve(HttpExchange exchange, QueryParams params) throws IOException, HttpStatusException;

    private static void fail(HttpExchange exchange, int status, String message) throws IOException {
        exchange.getResponseHeaders().set("X-Go-Pprof", "1");
        Exchanges.error(exchange, status, message);
    }
}
