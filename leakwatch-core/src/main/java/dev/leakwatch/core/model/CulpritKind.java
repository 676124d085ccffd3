package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a culprit names. */
public enum CulpritKind implements ContractId {
    CLASS("class"),
    THREAD_STACK("thread-stack"),
    FD("fd"),
    CLASS_LOADER("class-loader");

    private final String id;

    CulpritKind(String id) {
        this.id = id;
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    @JsonCreator
    public static CulpritKind fromId(String id) {
        return ContractId.lookup(CulpritKind.class, id);
    }
}
