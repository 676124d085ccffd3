package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The unit of a resource's amount and growth. */
public enum Unit {
    BYTES("bytes"),
    THREADS("threads"),
    FDS("fds"),
    CLASSES("classes");

    private final String id;

    Unit(String id) {
        this.id = id;
    }

    /** The JSON name, also used to read it back. */
    @JsonValue
    public String id() {
        return id;
    }
}
