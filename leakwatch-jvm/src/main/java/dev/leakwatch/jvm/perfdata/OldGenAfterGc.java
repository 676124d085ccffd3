package dev.leakwatch.jvm.perfdata;

/**
 * Old-generation occupancy right after the last old/full collection: the lower envelope that
 * leak detection trends. {@code fullGcCount} identifies the collection, so a sampler that sees
 * the same count twice knows it has the same reading.
 *
 * @param fullGcCount     old/full collections completed when this was read
 * @param oldGenUsedBytes old generation bytes in use after that collection
 * @param source          how the value was obtained
 */
public record OldGenAfterGc(long fullGcCount, long oldGenUsedBytes, Source source) {

    public enum Source {
        /** The collector publishes it ({@code sun.gc.policy.liveAtLastFullGc}, Parallel GC): exact. */
        REPORTED_BY_COLLECTOR,
        /**
         * No young collection has run since the last full one, so the old generation has grown
         * only by objects allocated directly in it (humongous/large arrays) since: a tight upper
         * bound of the after-GC value.
         */
        NO_YOUNG_GC_SINCE
    }
}
