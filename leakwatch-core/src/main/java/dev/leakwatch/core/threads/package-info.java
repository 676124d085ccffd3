/**
 * Threads of any process, grouped into stacks that name what piles up.
 *
 * <p>{@link dev.leakwatch.core.threads.ThreadSnapshot} is the neutral model: built by
 * {@link dev.leakwatch.core.threads.ThreadDumpParser} from {@code jcmd <pid> Thread.print} text, from
 * {@link java.lang.management.ThreadInfo}, or from a bare name ({@code /proc/<pid>/task/*}/comm of a non-JVM
 * process). {@link dev.leakwatch.core.threads.ThreadGrouper} groups by name pattern, state and key frames;
 * {@link dev.leakwatch.core.threads.ThreadGrowth} names the groups that grow across samples.
 */
package dev.leakwatch.core.threads;
