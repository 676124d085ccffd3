package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A kind of resource that can leak; names are part of the diagnosis JSON contract. */
public enum Resource implements ContractId {
    HEAP("heap", Unit.BYTES),
    THREADS("threads", Unit.THREADS),
    FDS("fds", Unit.FDS),
    METASPACE("metaspace", Unit.BYTES),
    DIRECT_MEMORY("direct-memory", Unit.BYTES),
    NATIVE("native", Unit.BYTES);

    private final String id;
    private final Unit unit;

    Resource(String id, Unit unit) {
        this.id = id;
        this.unit = unit;
    }

    @JsonValue
    @Override
    public String id() {
        return id;
    }

    /** The unit its growth is reported in. */
    public Unit unit() {
        return unit;
    }

    @JsonCreator
    public static Resource fromId(String id) {
        return ContractId.lookup(Resource.class, id);
    }
}
