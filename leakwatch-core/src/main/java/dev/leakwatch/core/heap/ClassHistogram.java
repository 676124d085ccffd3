package dev.leakwatch.core.heap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live objects of a JVM by class, as {@code GC.class_histogram} prints them after the full GC
 * it forces.
 *
 * @param entries        one per class, in the order printed (most bytes first); a class name may
 *                       appear more than once when several class loaders define it
 * @param totalInstances the histogram's own total of instances
 * @param totalBytes     the histogram's own total of bytes (shallow sizes)
 */
public record ClassHistogram(List<Entry> entries, long totalInstances, long totalBytes) {

    public ClassHistogram {
        entries = List.copyOf(entries);
    }

    /**
     * One class of a histogram.
     *
     * @param className Java source name ({@code byte[]}, {@code java.util.HashMap$Node})
     * @param instances live instances
     * @param bytes     shallow bytes of those instances
     */
    public record Entry(String className, long instances, long bytes) {}

    /** Entries by class name, with the entries of same-named classes from different loaders summed. */
    public Map<String, Entry> byClassName() {
        Map<String, Entry> merged = new LinkedHashMap<>();
        for (Entry entry : entries) {
            merged.merge(entry.className(), entry,
                    (a, b) -> new Entry(a.className(), a.instances() + b.instances(), a.bytes() + b.bytes()));
        }
        return merged;
    }

    /** The summed entry of one class, empty if the histogram has no live instance of it. */
    public Optional<Entry> entry(String className) {
        return Optional.ofNullable(byClassName().get(className));
    }
}
