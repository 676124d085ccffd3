package dev.leakwatch.jvm.perfdata;

import java.util.Locale;
import java.util.Set;

/** What a HotSpot collector counter set ({@code sun.gc.collector.N}) counts. */
public enum GcKind {
    /** Young (minor) collections; G1's also include mixed collections. */
    YOUNG,
    /** Old-generation / full-heap stop-the-world collections. */
    FULL,
    /** The stop-the-world pauses of a concurrent cycle (G1 remark and cleanup, ZGC pauses). */
    CONCURRENT,
    /** A name this reader does not recognise. */
    UNKNOWN;

    /** Names HotSpot used before JDK 17 renamed them to "... collection pauses". */
    private static final Set<String> LEGACY_YOUNG = Set.of("copy", "psscavenge", "parnew", "pcopy", "defnew");
    private static final Set<String> LEGACY_FULL =
            Set.of("msc", "psparallelcompact", "psmarksweep", "marksweepcompact", "serial old");

    /**
     * Classifies a collector by its {@code sun.gc.collector.N.name}: JDK 17+ names
     * ("G1 young collection pauses", "Parallel full collection pauses", "G1 concurrent cycle
     * pauses") and JDK 11 names ("G1 incremental collections", "G1 stop-the-world full
     * collections", "G1 stop-the-world phases", "Copy", "MSC", "PSScavenge", "PSParallelCompact").
     */
    public static GcKind fromCollectorName(String name) {
        String lower = name.toLowerCase(Locale.ROOT).trim();
        if (lower.contains("full") || LEGACY_FULL.contains(lower)) {
            return FULL;
        }
        if (lower.contains("young") || lower.contains("incremental") || LEGACY_YOUNG.contains(lower)) {
            return YOUNG;
        }
        if (lower.contains("concurrent") || lower.contains("phases") || lower.contains("cms")) {
            return CONCURRENT;
        }
        return UNKNOWN;
    }
}
