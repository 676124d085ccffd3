package dev.leakwatch.jvm.proc;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Parses {@code /proc/<pid>/status}: {@code Key:<tab>value} lines. Lenient: lines without a colon are skipped and
 * missing or malformed values read as absent, since fields differ between kernels and kernel threads have no
 * {@code Vm*} lines.
 */
final class StatusParser {

    private StatusParser() {}

    /** Each key with its trimmed value. */
    static Map<String, String> parse(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : (Iterable<String>) text.lines()::iterator) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    /** A {@code NNN kB} value in bytes. */
    static OptionalLong bytes(Map<String, String> status, String key) {
        String value = status.get(key);
        if (value == null) {
            return OptionalLong.empty();
        }
        String[] parts = value.split("\\s+");
        OptionalLong number = number(parts[0]);
        if (number.isEmpty()) {
            return number;
        }
        long unit = parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? 1024 : 1;
        long amount = number.getAsLong();
        return amount > Long.MAX_VALUE / unit ? OptionalLong.empty() : OptionalLong.of(amount * unit);
    }

    /** The first whitespace-separated number of a value, e.g. the real uid of {@code Uid: 1000 1000 1000 1000}. */
    static OptionalLong first(Map<String, String> status, String key) {
        String value = status.get(key);
        return value == null ? OptionalLong.empty() : number(value.split("\\s+")[0]);
    }

    private static OptionalLong number(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
