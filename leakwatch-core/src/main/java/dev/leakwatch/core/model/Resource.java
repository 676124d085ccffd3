package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** A kind of resource that can leak; names are part of the diagnosis JSON contract. */
public enum Resource {
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

    /** The JSON name, also used to read it back. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The unit its growth is reported in. */
    public Unit unit() {
        return unit;
    }
}
