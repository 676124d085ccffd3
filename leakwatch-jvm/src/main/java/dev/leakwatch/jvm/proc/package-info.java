/**
 * Readers of Linux {@code /proc} and {@code /sys} for any process: resources, limits, open fds, sockets, threads.
 *
 * <p>{@link dev.leakwatch.jvm.proc.ProcFs} is the entry point. Its roots are injectable
 * ({@link dev.leakwatch.jvm.proc.ProcFs#of}) so tests read checked-in fixture trees, and every file format has
 * a pure, package-private parser taking the file's text. A process that exits while being read yields empty
 * results, never an exception.
 */
package dev.leakwatch.jvm.proc;
