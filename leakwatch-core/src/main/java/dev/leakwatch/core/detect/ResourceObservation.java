package dev.leakwatch.core.detect;

import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.Evidence;
import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.series.Sample;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What was seen of one resource over a window: the readings, the limit it runs into, and the
 * culprits the evidence named, most responsible first.
 *
 * @param resource            the resource
 * @param readings            time-ordered readings; for heap, heap used after each GC
 * @param envelopeBucketMillis when positive, readings are reduced to their minimum per bucket of
 *                            this length before testing (after-GC heap, fd counts with churn)
 * @param limit               the limit in the resource's unit, if known
 * @param culprits            named culprits, most responsible first
 * @param evidence            captures that support the culprits
 */
public record ResourceObservation(
        Resource resource,
        List<Sample> readings,
        long envelopeBucketMillis,
        OptionalDouble limit,
        List<Culprit> culprits,
        List<Evidence> evidence) {

    public ResourceObservation {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(limit, "limit");
        readings = List.copyOf(readings);
        culprits = List.copyOf(culprits);
        evidence = List.copyOf(evidence);
    }
}
