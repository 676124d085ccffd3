/**
 * pprof profiles of a JVM, the same way for the JVM itself and for another local JVM.
 *
 * <p>{@link dev.leakwatch.jvm.profile.Profiler} is the entry point: heap (JFR
 * {@code jdk.OldObjectSample}, or a class histogram when JFR is unavailable), allocations
 * ({@code jdk.ObjectAllocationSample}), threads (stacks merged with counts), CPU
 * ({@code jdk.ExecutionSample}), block and mutex contention ({@code jdk.ThreadPark},
 * {@code jdk.JavaMonitorEnter}) and raw JFR recordings. Everything goes through a
 * {@link dev.leakwatch.jvm.profile.ProfileTarget}: an MBean server connection (the platform
 * one for the JVM itself, a local JMX connector for another pid) and a
 * {@link dev.leakwatch.jvm.profile.JfrRecorder}. Recordings started here are always stopped,
 * closed and their files deleted.
 */
package dev.leakwatch.jvm.profile;
