package dev.leakwatch.core.pprof;

import java.util.Objects;

/** What one sample value measures and in which unit, e.g. {@code inuse_space/bytes}. */
public record ValueType(String type, String unit) {
    public ValueType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(unit, "unit");
    }

    @Override
    public String toString() {
        return type + "/" + unit;
    }
}
