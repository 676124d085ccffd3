/**
 * An HTTP/1.1 listener with the JDK's {@code com.sun.net.httpserver.HttpServer} API that serves
 * each connection on one thread (a blocking accept, a thread per connection, as Go's
 * {@code net/http}), so that existing {@code HttpHandler}s run unchanged while a request on a
 * kept connection costs one thread wake-up and an idle listener none.
 *
 * <p>Public: {@link dev.leakwatch.jvm.http.ThreadPerConnectionServer} and its
 * {@link dev.leakwatch.jvm.http.ListenerSettings}; the request parser, the exchange, the body
 * framings and the connection loop are package-private.
 */
package dev.leakwatch.jvm.http;
