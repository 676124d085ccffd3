package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The overall answer of a diagnosis. */
public enum Verdict implements ContractId {
    LEAK("leak"),
    NO_LEAK("no-leak"),
    /** Not enough data to say; the diagnosis carries a reason. */
    INCONCLUSIVE("inconclusive");

    private final String id;

    Verdict(String id) {
        this.id = id;
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    @JsonCreator
    public static Verdict fromId(String id) {
        return ContractId.lookup(Verdict.class, id);
    }
}
