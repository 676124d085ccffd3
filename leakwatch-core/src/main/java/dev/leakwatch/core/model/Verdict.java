package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The overall answer of a diagnosis. */
public enum Verdict {
    LEAK("leak"),
    NO_LEAK("no-leak"),
    /** Not enough data to say; the diagnosis carries a reason. */
    INCONCLUSIVE("inconclusive");

    private final String id;

    Verdict(String id) {
        this.id = id;
    }

    /** The JSON name, also used to read it back. */
    @JsonValue
    public String id() {
        return id;
    }
}
