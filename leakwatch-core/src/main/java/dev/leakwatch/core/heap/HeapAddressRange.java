package dev.leakwatch.core.heap;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the Java heap is reserved in the target's address space, read from {@code GC.heap_info}
 * (G1: one {@code [low, high)} range; Serial and Parallel: one per generation, joined here).
 * Knowing it lets RSS be split into heap pages and everything else, which is what a native leak
 * grows: heap pages become resident as the heap is first touched, which is warm-up, not a leak.
 *
 * @param low  first address of the heap reservation
 * @param high first address after it
 */
public record HeapAddressRange(long low, long high) {
    private static final Pattern ADDRESS = Pattern.compile("0x([0-9a-fA-F]{1,16})");

    public HeapAddressRange {
        if (Long.compareUnsigned(low, high) >= 0) {
            throw new IllegalArgumentException("empty heap range " + Long.toHexString(low) + "-" + Long.toHexString(high));
        }
    }

    /** The union of every bracketed address range in the heap lines, or empty if there is none (e.g. ZGC). */
    public static Optional<HeapAddressRange> parse(String heapInfo) {
        long low = -1;
        long high = 0;
        boolean found = false;
        for (String line : heapInfo.split("\n")) {
            int bracket = line.indexOf('[');
            if (bracket < 0 || line.contains("Metaspace") || line.contains("class space")) {
                continue;
            }
            Matcher m = ADDRESS.matcher(line.substring(bracket));
            while (m.find()) {
                long address = Long.parseUnsignedLong(m.group(1), 16);
                if (!found || Long.compareUnsigned(address, low) < 0) {
                    low = address;
                }
                if (!found || Long.compareUnsigned(address, high) > 0) {
                    high = address;
                }
                found = true;
            }
        }
        if (!found || Long.compareUnsigned(low, high) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new HeapAddressRange(low, high));
    }

    /** Whether a mapping {@code [start, end)} overlaps the heap. */
    public boolean overlaps(long start, long end) {
        return Long.compareUnsigned(start, high) < 0 && Long.compareUnsigned(end, low) > 0;
    }
}
