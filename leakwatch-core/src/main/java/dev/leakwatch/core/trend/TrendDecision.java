package dev.leakwatch.core.trend;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a {@link TrendDetector} concluded, with the fitted line it concluded from.
 * When the decision is {@link Decision#NOT_ENOUGH_DATA} nothing was fitted: slope, intercept and
 * confidence are 0.
 *
 * @param decision                the verdict
 * @param slopePerMinute          Theil-Sen growth per minute, in the resource's unit
 * @param intercept               fitted value at {@code firstTimeMillis}
 * @param confidence              1 - p of the one-sided ("increasing") Mann-Kendall test, in [0, 1]
 * @param timeToExhaustionSeconds from the last fitted value to the limit at the fitted slope; empty
 *                                without a limit or when the slope is not positive
 * @param reason                  one human sentence saying why
 * @param samplesUsed             samples tested, after warm-up exclusion
 * @param firstTimeMillis         time of the first sample tested (0 if there was none)
 */
public record TrendDecision(
        Decision decision,
        double slopePerMinute,
        double intercept,
        double confidence,
        OptionalDouble timeToExhaustionSeconds,
        String reason,
        int samplesUsed,
        long firstTimeMillis) {

    public TrendDecision {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(timeToExhaustionSeconds, "timeToExhaustionSeconds");
        Objects.requireNonNull(reason, "reason");
    }
}
