package dev.leakwatch.jvm.proc;

import java.util.OptionalLong;

/**
 * Parses {@code /proc/<pid>/limits}: a header, then one line per limit with columns separated by runs of spaces:
 * name, soft limit, hard limit, units.
 */
final class LimitsParser {

    private static final String OPEN_FILES = "Max open files";

    private LimitsParser() {}

    /** The soft {@code RLIMIT_NOFILE}; empty when absent, malformed or {@code unlimited}. */
    static OptionalLong maxOpenFiles(String text) {
        for (String line : (Iterable<String>) text.lines()::iterator) {
            if (line.startsWith(OPEN_FILES)) {
                String[] columns = line.substring(OPEN_FILES.length()).strip().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(columns[0]));
                } catch (NumberFormatException unlimitedOrMalformed) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
