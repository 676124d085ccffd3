/**
 * Reading HotSpot's hsperfdata counters without attaching: no signal, no safepoint, no
 * thread in the target. {@link dev.leakwatch.jvm.perfdata.JvmDiscovery} finds the JVMs of
 * the host (containers included), {@link dev.leakwatch.jvm.perfdata.LocalJvm#readCounters()}
 * takes a snapshot, {@link dev.leakwatch.jvm.perfdata.PerfDataParser} parses the file format
 * and {@link dev.leakwatch.jvm.perfdata.JvmCounters} names the counters (heap, GC, metaspace,
 * classes, threads, safepoints). {@link dev.leakwatch.jvm.perfdata.JvmCounters} documents how
 * a sampler derives the heap after GC.
 */
package dev.leakwatch.jvm.perfdata;
