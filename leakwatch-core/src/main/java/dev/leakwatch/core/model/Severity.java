package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** How sure a finding is: {@code leak} is significant and material, {@code suspect} only one of the two. */
public enum Severity {
    LEAK("leak"),
    SUSPECT("suspect");

    private final String id;

    Severity(String id) {
        this.id = id;
    }

    /** The JSON name, also used to read it back. */
    @JsonValue
    public String id() {
        return id;
    }
}
