package dev.leakwatch.core.pprof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The profile's string table: each distinct string once, entry 0 always "" as the format requires. */
final class StringTable {
    private final Map<String, Long> index = new HashMap<>();
    private final List<String> strings = new ArrayList<>();

    StringTable() {
        intern("");
    }

    /** The index of {@code s}, adding it if new; null counts as "". */
    long intern(String s) {
        String key = s == null ? "" : s;
        Long existing = index.get(key);
        if (existing != null) {
            return existing;
        }
        long id = strings.size();
        strings.add(key);
        index.put(key, id);
        return id;
    }

    List<String> strings() {
        return List.copyOf(strings);
    }
}
