package dev.leakwatch.agent.store;

/** What the store did with a write. */
public enum WriteResult {
    /** Kept under its own labels. */
    STORED,
    /** The metric is at its cardinality limit: the value went into the metric's overflow series. */
    FOLDED,
    /** Refused and counted (store full, or a type conflict). */
    REFUSED
}
