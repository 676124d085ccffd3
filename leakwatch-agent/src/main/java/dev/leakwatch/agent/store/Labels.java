package dev.leakwatch.agent.store;

import java.util.Arrays;

/**
 * An immutable set of label pairs, sorted by name, that identifies a series within a metric.
 * Kept as two arrays (not a map) because there are up to a hundred thousand of them.
 *
 * <p>Labels order as the Prometheus client's {@code Labels} do (all names, then all values), and
 * a stored series' labels keep their client form once built: the client validates each name of a
 * new {@code Labels} with a fresh UTF-8 encoder and then sorts every family's points, which at
 * 100,000 series cost more than writing the text did. Building the client form once per series
 * and handing it points already in its order leaves the client a linear check.
 */
public final class Labels implements Comparable<Labels> {
    public static final Labels EMPTY = new Labels(new String[0], new String[0]);

    private final String[] names;
    /** Null in the labels a series is stored under: its values are read from the client form. */
    private final String[] values;
    private final int hash;
    /**
     * The client form, built on first use (set at construction in stored labels). Not volatile:
     * the client's Labels is immutable with final fields, so a racing reader sees either null
     * (and builds its own equal copy) or a complete object.
     */
    private io.prometheus.metrics.model.snapshots.Labels prometheus;

    private Labels(String[] names, String[] values) {
        this(names, values, 31 * Arrays.hashCode(names) + Arrays.hashCode(values));
    }

    private Labels(String[] names, String[] values, int hash) {
        this.names = names;
        this.values = values;
        this.hash = hash;
    }

    /**
     * The labels a store keeps for a series: equal to these, but with {@code sharedNames} as
     * their names array when it holds the same names (one array per metric rather than one per
     * series), and with their values read from the client form, which holds its own copy anyway.
     * With three labels that is 64 bytes less a series, 6 MB per 100,000 series.
     *
     * @param sharedNames the names array of the metric's other series, or null
     */
    Labels forStorage(String[] sharedNames) {
        String[] n = sharedNames != null && Arrays.equals(sharedNames, names) ? sharedNames : names;
        Labels stored = new Labels(n, null, hash);
        stored.prometheus = prometheusLabels();
        return stored;
    }

    /** The names array itself (not a copy), for {@link #forStorage}; never modified. */
    String[] namesArray() {
        return names;
    }

    /**
     * Labels from alternating names and values: {@code of("cpu", "0", "mode", "idle")}.
     *
     * @throws IllegalArgumentException on an odd count, a bad or reserved name, or a duplicate
     */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs, got " + namesAndValues.length + " strings");
        }
        int n = namesAndValues.length / 2;
        if (n == 0) {
            return EMPTY;
        }
        String[] names = new String[n];
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = namesAndValues[2 * i];
            values[i] = namesAndValues[2 * i + 1];
        }
        return of(names, values);
    }

    /** Labels from parallel arrays (copied). */
    public static Labels of(String[] names, String[] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException("names and values differ in length");
        }
        String[] n = names.clone();
        String[] v = values.clone();
        // Insertion sort: label sets are small (usually under five).
        for (int i = 1; i < n.length; i++) {
            for (int j = i; j > 0 && n[j - 1].compareTo(n[j]) > 0; j--) {
                String t = n[j];
                n[j] = n[j - 1];
                n[j - 1] = t;
                t = v[j];
                v[j] = v[j - 1];
                v[j - 1] = t;
            }
        }
        for (int i = 0; i < n.length; i++) {
            if (!isValidName(n[i])) {
                throw new IllegalArgumentException("invalid label name \"" + n[i] + "\"");
            }
            if (v[i] == null) {
                throw new IllegalArgumentException("label " + n[i] + " has no value");
            }
            if (i > 0 && n[i].equals(n[i - 1])) {
                throw new IllegalArgumentException("duplicate label name \"" + n[i] + "\"");
            }
        }
        return new Labels(n, v);
    }

    /**
     * {@code [a-zA-Z_][a-zA-Z0-9_]*}, not starting with {@code __} (reserved by Prometheus).
     * A loop, not a regex: every write of every collector builds labels.
     */
    static boolean isValidName(String name) {
        int n = name.length();
        if (n == 0 || name.startsWith("__")) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** These labels plus one more. */
    public Labels with(String name, String value) {
        String[] n = Arrays.copyOf(names, names.length + 1);
        String[] v = Arrays.copyOf(values(), names.length + 1);
        n[names.length] = name;
        v[names.length] = value;
        return of(n, v);
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values != null ? values[i] : prometheus.getValue(i);
    }

    /** The value of a label, or null. */
    public String get(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return value(i);
            }
        }
        return null;
    }

    /**
     * The same labels as the Prometheus client's {@code Labels}, built once and kept: ask it of
     * the labels a store holds (a series' key), not of labels made for one lookup.
     */
    public io.prometheus.metrics.model.snapshots.Labels prometheusLabels() {
        io.prometheus.metrics.model.snapshots.Labels p = prometheus;
        if (p == null) {
            // Names passed this class's stricter check, so the client cannot refuse them.
            p = names.length == 0 ? io.prometheus.metrics.model.snapshots.Labels.EMPTY
                    : io.prometheus.metrics.model.snapshots.Labels.of(names, values);
            // (never reached by stored labels, whose client form is set when they are made)
            prometheus = p;
        }
        return p;
    }

    /** Copies of the names, sorted. */
    public String[] names() {
        return names.clone();
    }

    /** Copies of the values, in name order. */
    public String[] values() {
        if (values != null) {
            return values.clone();
        }
        String[] v = new String[names.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = value(i);
        }
        return v;
    }

    /**
     * Approximate heap bytes of this object, its client form and its strings (compressed oops,
     * Latin-1 strings) of labels kept {@link #forStorage for storage}: object 32 (names array shared
     * with the metric's other series, values kept by the client form); the client form 24 + its
     * two arrays of 16 + 4 per slot (it shares the names array for its Prometheus names); per
     * string 24 + 16 + length, rounded up to 8.
     */
    long estimatedBytes() {
        long bytes = 32 + 24 + 2 * align(16 + 4L * names.length);
        for (int i = 0; i < names.length; i++) {
            bytes += stringBytes(names[i]) + stringBytes(value(i));
        }
        return bytes;
    }

    static long stringBytes(String s) {
        return 24 + align(16 + s.length());
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Labels other) || hash != other.hash || !Arrays.equals(names, other.names)) {
            return false;
        }
        if (values != null && other.values != null) {
            return Arrays.equals(values, other.values);
        }
        for (int i = 0; i < names.length; i++) {
            if (!value(i).equals(other.value(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /**
     * The Prometheus client's order: the names compared as a list, then the values; a list that
     * is a prefix of another comes first.
     */
    @Override
    public int compareTo(Labels other) {
        int c = compare(names, other.names);
        if (c != 0) {
            return c;
        }
        if (values != null && other.values != null) {
            return compare(values, other.values);
        }
        for (int i = 0; i < names.length; i++) { // same names, so same length
            int v = value(i).compareTo(other.value(i));
            if (v != 0) {
                return v;
            }
        }
        return 0;
    }

    private static int compare(String[] a, String[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            s.append(names[i]).append("=\"").append(value(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return s.append('}').toString();
    }
}
