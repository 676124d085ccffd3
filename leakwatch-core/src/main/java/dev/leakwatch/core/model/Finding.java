package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A resource that grows: how fast, how sure, against which limit, and who is responsible.
 *
 * @param resource                 what grows
 * @param severity                 {@code leak} or {@code suspect}
 * @param growthPerMinute          robust slope of the lower envelope, in {@code unit} per minute
 * @param unit                     unit of growth and limit
 * @param confidence               1 - p of the trend test, in [0, 1]
 * @param limit                    the limit it runs into (-Xmx, MaxMetaspaceSize, ulimit -n, ...), null if unknown
 * @param timeToExhaustionSeconds  time until the fitted line meets the limit, null if no limit is known
 * @param culprits                 most responsible first
 * @param evidence                 captures that support the culprits
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(
        Resource resource,
        Severity severity,
        double growthPerMinute,
        Unit unit,
        double confidence,
        Long limit,
        Long timeToExhaustionSeconds,
        List<Culprit> culprits,
        List<Evidence> evidence) {

    public Finding {
        culprits = culprits == null ? List.of() : List.copyOf(culprits);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
