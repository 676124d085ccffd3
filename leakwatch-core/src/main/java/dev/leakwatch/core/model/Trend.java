package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One resource's observed series and the line fitted to it, for charts and review.
 * Not part of the required contract fields: an addition allowed by {@code v1}.
 *
 * @param resource        the resource
 * @param unit            unit of values
 * @param series          what the detector tested, as {@code [epochMillis, value]} pairs (the lower envelope for heap)
 * @param slopePerMinute  fitted Theil-Sen slope
 * @param intercept       fitted value at the first sample's time
 * @param confidence      1 - p of the Mann-Kendall test
 * @param limit           the limit, null if unknown
 * @param decision        {@code leak}, {@code suspect}, {@code no-leak} or {@code not-enough-data}
 * @param reason          why the detector decided so, in a sentence
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Trend(
        Resource resource,
        Unit unit,
        List<double[]> series,
        double slopePerMinute,
        double intercept,
        double confidence,
        Long limit,
        String decision,
        String reason) {

    public Trend {
        series = series == null ? List.of() : List.copyOf(series);
    }
}
