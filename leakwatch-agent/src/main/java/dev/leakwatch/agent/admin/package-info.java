/**
 * The agent's admin listener (default 127.0.0.1:6060): Go-compatible {@code /debug/pprof}
 * endpoints for this JVM and, with {@code ?pid=N}, any local JVM, plus a route table on
 * which the daemon mounts its API and UI. Debug routes live here only: the metrics listener
 * never serves them.
 */
package dev.leakwatch.agent.admin;
