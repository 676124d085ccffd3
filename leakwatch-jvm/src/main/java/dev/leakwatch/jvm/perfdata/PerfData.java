package dev.leakwatch.jvm.perfdata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An immutable snapshot of one JVM's hsperfdata counters: name to {@link Long} or
 * {@link String}, in the order the JVM created them, plus the buffer header fields.
 * Build one with {@link PerfDataParser#parse}; interpret it with {@link JvmCounters}.
 */
public final class PerfData {
    /** One counter with the metadata the file declares for it. */
    record Entry(Object value, PerfUnits units) {}

    private final int majorVersion;
    private final int minorVersion;
    private final boolean accessible;
    private final Map<String, Entry> entries;
    private final Map<String, Object> values;

    PerfData(int majorVersion, int minorVersion, boolean accessible, Map<String, Entry> entries) {
        this.majorVersion = majorVersion;
        this.minorVersion = minorVersion;
        this.accessible = accessible;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        Map<String, Object> plain = new LinkedHashMap<>();
        entries.forEach((name, entry) -> plain.put(name, entry.value()));
        this.values = Collections.unmodifiableMap(plain);
    }

    public int majorVersion() {
        return majorVersion;
    }

    public int minorVersion() {
        return minorVersion;
    }

    /**
     * False while the JVM is still initialising: the counters present are valid but the set
     * is incomplete (the JVM appends entries until it flips this flag at the end of startup).
     */
    public boolean accessible() {
        return accessible;
    }

    /** All counters, name to {@link Long} or {@link String}, unmodifiable, in file order. */
    public Map<String, Object> values() {
        return values;
    }

    public Set<String> names() {
        return values.keySet();
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    public int size() {
        return values.size();
    }

    /** The counter's value if it exists and is a long. */
    public OptionalLong longValue(String name) {
        Object value = values.get(name);
        return value instanceof Long ? OptionalLong.of((Long) value) : OptionalLong.empty();
    }

    /** The counter's value if it exists and is a string. */
    public Optional<String> stringValue(String name) {
        Object value = values.get(name);
        return value instanceof String ? Optional.of((String) value) : Optional.empty();
    }

    /** The unit the JVM declares for the counter. */
    public Optional<PerfUnits> units(String name) {
        Entry entry = entries.get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.units());
    }

    @Override
    public String toString() {
        return "PerfData[v" + majorVersion + "." + minorVersion + ", " + values.size() + " counters"
                + (accessible ? "" : ", not yet accessible") + "]";
    }
}
