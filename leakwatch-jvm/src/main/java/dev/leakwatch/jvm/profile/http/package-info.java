/**
 * The admin/debug HTTP listener and Go-compatible {@code /debug/pprof} endpoints, written
 * against the JDK's {@code com.sun.net.httpserver} API and served by
 * {@link dev.leakwatch.jvm.http.ThreadPerConnectionServer}, shared by the leakwatch agent and the
 * in-process javaagent.
 *
 * <p>{@link dev.leakwatch.jvm.profile.http.DebugServer} is the listener: loopback by
 * default, a bearer token required for any other address, request and URI size limits,
 * {@code nosniff} on every response, named daemon threads, and a
 * {@link dev.leakwatch.jvm.profile.http.RouteTable} that other components mount routes on.
 * {@link dev.leakwatch.jvm.profile.http.PprofRoutes} mounts the debug endpoints.
 */
package dev.leakwatch.jvm.profile.http;
