package dev.leakwatch.jvm.attach;

/**
 * One garbage collection in the target, from its {@code GarbageCollectionNotificationInfo}.
 *
 * <p>How to read it for leaks (the heap's <em>lower envelope</em>): readings after an old or full
 * collection ({@code oldOrFull}: Serial/Parallel/G1 full GC, CMS, a completed ZGC major or Shenandoah
 * cycle) are true floors of the live set. The old generation read after a <em>young</em> collection
 * is only an upper bound: it includes garbage promoted since the last old collection, which G1
 * reclaims only in mixed or concurrent cycles, so it can climb for minutes in a healthy service.
 * Confirm any growth seen only in young-GC readings with old/full-GC readings or class histograms.
 *
 * @param endTimeMillis   epoch milliseconds when the collection ended
 * @param gcName          the collector bean, e.g. {@code G1 Young Generation}, {@code G1 Old Generation}
 * @param gcAction        e.g. {@code end of minor GC}, {@code end of major GC}, {@code end of GC cycle}
 * @param cause           e.g. {@code G1 Evacuation Pause}, {@code System.gc()}, {@code Allocation Failure}
 * @param durationMillis  duration the collector reports (pause or cycle)
 * @param heapUsedAfter   heap bytes used right after the collection, all heap pools summed
 * @param oldGenUsedAfter old-generation bytes used right after it (the single heap pool of
 *                        non-generational collectors), -1 if the heap has no such pool
 * @param oldOrFull       whether this collection examined the whole heap, so that its readings are floors
 */
public record GcEvent(
        long endTimeMillis,
        String gcName,
        String gcAction,
        String cause,
        long durationMillis,
        long heapUsedAfter,
        long oldGenUsedAfter,
        boolean oldOrFull) {

    /**
     * Whether a collection reported with this bean name and action collected the whole heap.
     * {@code end of major GC} is what Serial, Parallel, CMS and G1's full GC report; ZGC and Shenandoah
     * report {@code end of GC cycle} for cycles (whole-heap unless minor) and separate pause beans.
     */
    static boolean isOldOrFull(String gcName, String gcAction) {
        if (gcAction.equals("end of major GC")) {
            return true;
        }
        return gcAction.equals("end of GC cycle") && !gcName.contains("Minor");
    }
}
