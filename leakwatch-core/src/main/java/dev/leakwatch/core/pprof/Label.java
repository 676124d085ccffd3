package dev.leakwatch.core.pprof;

import java.util.Objects;

/**
 * A sample label: a key with a string value, or with a number and its unit.
 * Samples with equal stacks but different labels stay separate.
 */
public record Label(String key, String str, long num, String unit) {
    public Label {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a label needs a key");
        }
    }

    public static Label of(String key, String value) {
        return new Label(key, Objects.requireNonNull(value, "value"), 0, null);
    }

    public static Label numeric(String key, long value, String unit) {
        return new Label(key, null, value, unit);
    }
}
