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
    private final String[] values;
    private final int hash;
    /**
     * The client form, built on first use. Not volatile: the client's Labels is immutable with
     * final fields, so a racing reader sees either null (and builds its own equal copy) or a
     * complete object.
     */
    private io.prometheus.metrics.model.snapshots.Labels prometheus;

    private Labels(String[] names, String[] values) {
        this.names = names;
        this.values = values;
        this.hash = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
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
        String[] v = Arrays.copyOf(values, values.length + 1);
        n[names.length] = name;
        v[values.length] = value;
        return of(n, v);
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** The value of a label, or null. */
    public String get(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
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
        return values.clone();
    }

    /**
     * Approximate heap bytes of this object, its client form and its strings (compressed oops,
     * Latin-1 strings): object 32 + two arrays 16 + 4 per slot; the client form 24 + its own two
     * arrays (it shares the names array for its Prometheus names); per string 24 + 16 + length,
     * rounded up to 8. The client form is counted from the start, as every stored series is
     * exported.
     */
    long estimatedBytes() {
        long bytes = 32 + 24 + 4 * align(16 + 4L * names.length);
        for (int i = 0; i < names.length; i++) {
            bytes += stringBytes(names[i]) + stringBytes(values[i]);
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
        return o instanceof Labels other && hash == other.hash
                && Arrays.equals(names, other.names) && Arrays.equals(values, other.values);
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
        return c != 0 ? c : compare(values, other.values);
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
            s.append(names[i]).append("=\"").append(values[i].replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return s.append('}').toString();
    }
}
