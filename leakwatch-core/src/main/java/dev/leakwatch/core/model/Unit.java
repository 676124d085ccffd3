package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The unit of a resource's amount and growth. */
public enum Unit implements ContractId {
    BYTES("bytes"),
    THREADS("threads"),
    FDS("fds"),
    CLASSES("classes");

    private final String id;

    Unit(String id) {
        this.id = id;
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    @JsonCreator
    public static Unit fromId(String id) {
        return ContractId.lookup(Unit.class, id);
    }
}
