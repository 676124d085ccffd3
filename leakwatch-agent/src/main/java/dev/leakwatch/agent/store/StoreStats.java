package dev.leakwatch.agent.store;

import java.util.Map;

/**
 * The store's own numbers, exported as {@code leakwatch_store_*} and {@code leakwatch_series_*}.
 *
 * @param series         series held now (overflow series included)
 * @param historySeries  series keeping a history now
 * @param estimatedBytes estimated heap held by the store
 * @param dropped        refusals by reason since start
 * @param expired        series expired since start (sweep and lazy)
 */
public record StoreStats(int series, int historySeries, long estimatedBytes, Map<DropReason, Long> dropped,
        long expired) {}
