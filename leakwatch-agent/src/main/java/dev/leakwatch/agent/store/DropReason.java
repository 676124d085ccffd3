package dev.leakwatch.agent.store;

import java.util.Locale;

/** Why the store refused something; the {@code reason} label of {@code leakwatch_series_dropped_total}. */
public enum DropReason {
    /** A new series beyond {@code store.max_series}. */
    LIMIT,
    /** A new label set beyond {@code store.max_series_per_metric}, folded into the overflow series. */
    CARDINALITY,
    /** A write whose type contradicts the metric's registered type. */
    INVALID,
    /** A series that would keep a history beyond {@code store.history.max_series}; it keeps only its value. */
    HISTORY_LIMIT;

    /** The label value, e.g. {@code limit}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
