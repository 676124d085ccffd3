package dev.leakwatch.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One capture taken from the target, and when: a class histogram, a thread dump, an fd listing,
 * a JFR recording. Every capture a diagnosis takes is listed, so its cost to the target is visible.
 *
 * @param kind      {@code class-histogram}, {@code thread-dump}, {@code fd-listing}, {@code jfr-old-objects}, ...
 * @param at        when it was taken
 * @param forcedGc  true when taking it forced a full GC in the target
 * @param detail    a short human note (size, error), may be null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String kind, Instant at, Boolean forcedGc, String detail) {

    public static Evidence of(String kind, Instant at) {
        return new Evidence(kind, at, null, null);
    }
}
