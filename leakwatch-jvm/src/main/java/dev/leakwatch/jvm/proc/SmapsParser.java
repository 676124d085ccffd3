package dev.leakwatch.jvm.proc;

import java.util.function.BiPredicate;

/**
 * Sums resident memory from {@code /proc/<pid>/smaps}: a mapping header
 * ({@code start-end perms offset dev inode [path]}) followed by {@code Key: value kB} lines.
 */
final class SmapsParser {
    private SmapsParser() {}

    /**
     * Resident bytes of the mappings the filter keeps.
     *
     * @param keep given a mapping's start and end address, whether to count it
     */
    static long residentBytes(String smaps, BiPredicate<Long, Long> keep) {
        long total = 0;
        boolean counting = false;
        for (String line : smaps.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int dash = line.indexOf('-');
            int space = line.indexOf(' ');
            if (dash > 0 && space > dash && isHex(line, 0, dash) && isHex(line, dash + 1, space)) {
                long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                long end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                counting = keep.test(start, end);
            } else if (counting && line.startsWith("Rss:")) {
                total += kilobytes(line.substring(4)) * 1024;
            }
        }
        return total;
    }

    private static long kilobytes(String value) {
        String digits = value.replace("kB", "").strip();
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Long.parseLong(digits);
    }

    private static boolean isHex(String s, int from, int to) {
        if (to - from < 1 || to - from > 16) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
