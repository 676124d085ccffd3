package dev.leakwatch.jvm.perfdata;

/**
 * One {@code sun.gc.collector.N} counter set. Times are high-resolution timer ticks on the
 * JVM's elapsed-time base (the same base as {@code sun.os.hrt.ticks}); convert with
 * {@link JvmCounters#ticksToDuration(long)}.
 *
 * @param index          N in {@code sun.gc.collector.N}
 * @param name           the collector's name as the JVM publishes it
 * @param kind           what it collects, derived from the name
 * @param invocations    collections completed (incremented when one starts, see {@link #running})
 * @param timeTicks      accumulated pause time
 * @param lastEntryTicks when the last collection started, 0 if none
 * @param lastExitTicks  when the last collection ended, 0 if none
 */
public record GcCollector(
        int index, String name, GcKind kind, long invocations, long timeTicks, long lastEntryTicks, long lastExitTicks) {

    /** True while a collection is in progress at the time of the snapshot. */
    public boolean running() {
        return lastEntryTicks > lastExitTicks;
    }
}
