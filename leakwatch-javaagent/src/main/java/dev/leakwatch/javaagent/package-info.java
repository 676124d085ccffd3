/**
 * The in-process agent: {@code -javaagent:leakwatch-javaagent.jar=port=6060} serves Go-style
 * {@code /debug/pprof} endpoints from inside any JVM, the Java twin of Go's
 * {@code import _ "net/http/pprof"}. Its dependencies are shaded under
 * {@code dev.leakwatch.javaagent.shaded}, so an application's own libraries never clash with
 * them; at rest it runs only the listener.
 */
package dev.leakwatch.javaagent;
