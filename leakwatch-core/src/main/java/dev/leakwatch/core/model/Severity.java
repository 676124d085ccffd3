package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How sure a finding is: {@code leak} is significant and material, {@code suspect} only one of the two. */
public enum Severity implements ContractId {
    LEAK("leak"),
    SUSPECT("suspect");

    private final String id;

    Severity(String id) {
        this.id = id;
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    @JsonCreator
    public static Severity fromId(String id) {
        return ContractId.lookup(Severity.class, id);
    }
}
