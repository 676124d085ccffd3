package dev.leakwatch.jvm.perfdata;

import java.util.OptionalLong;

/**
 * Finds the maximum heap size a JVM was given on its command line ({@code -Xmx<size>} or
 * {@code -XX:MaxHeapSize=<size>}). As in HotSpot, the last occurrence wins; a malformed value
 * is ignored, as HotSpot would have refused to start with it.
 */
final class HeapSizeFlags {
    private HeapSizeFlags() {}

    /** Scans whitespace-separated JVM options, e.g. {@code java.rt.vmArgs}. */
    static OptionalLong maxHeapBytes(String options) {
        OptionalLong result = OptionalLong.empty();
        for (String token : options.trim().split("\\s+")) {
            String size = null;
            if (token.startsWith("-Xmx")) {
                size = token.substring(4);
            } else if (token.startsWith("-XX:MaxHeapSize=")) {
                size = token.substring("-XX:MaxHeapSize=".length());
            }
            if (size != null) {
                OptionalLong parsed = parseSize(size);
                if (parsed.isPresent()) {
                    result = parsed;
                }
            }
        }
        return result;
    }

    /** HotSpot memory size syntax: digits with an optional k, m, g or t suffix (either case). */
    static OptionalLong parseSize(String text) {
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        char last = Character.toLowerCase(text.charAt(text.length() - 1));
        int shift;
        String digits = text.substring(0, text.length() - 1);
        switch (last) {
            case 'k': shift = 10; break;
            case 'm': shift = 20; break;
            case 'g': shift = 30; break;
            case 't': shift = 40; break;
            default: shift = 0; digits = text; break;
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 18) {
            return OptionalLong.empty();
        }
        long value = Long.parseLong(digits);
        if (value > (Long.MAX_VALUE >> shift)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(value << shift);
    }
}
