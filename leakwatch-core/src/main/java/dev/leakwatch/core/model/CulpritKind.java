package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a culprit names. */
public enum CulpritKind {
    CLASS("class"),
    THREAD_STACK("thread-stack"),
    FD("fd"),
    CLASS_LOADER("class-loader");

    private final String id;

    CulpritKind(String id) {
        this.id = id;
    }

    /** The JSON name, also used to read it back. */
    @JsonValue
    public String id() {
        return id;
    }
}
