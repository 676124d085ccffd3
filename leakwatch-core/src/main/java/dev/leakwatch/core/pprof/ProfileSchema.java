package dev.leakwatch.core.pprof;

import java.util.List;
import java.util.Objects;

/**
 * The sample types of one kind of profile, following the conventions of Go's runtime/pprof
 * so that Go tooling shows JVM profiles the way it shows Go ones: the same value names, the
 * count first, and the value {@code go tool pprof} shows by default.
 *
 * @param sampleTypes what each sample value means, in order
 * @param periodType what the period counts
 * @param defaultSampleType the sample type shown by default, or null for the last one
 */
public record ProfileSchema(List<ValueType> sampleTypes, ValueType periodType, String defaultSampleType) {

    private static final ValueType ALLOC_OBJECTS = new ValueType("alloc_objects", "count");
    private static final ValueType ALLOC_SPACE = new ValueType("alloc_space", "bytes");
    private static final ValueType INUSE_OBJECTS = new ValueType("inuse_objects", "count");
    private static final ValueType INUSE_SPACE = new ValueType("inuse_space", "bytes");
    private static final ValueType SPACE = new ValueType("space", "bytes");

    /** Live objects and, sampled in the same window, allocations; inuse_space by default (Go's heap). */
    public static final ProfileSchema HEAP =
            new ProfileSchema(List.of(ALLOC_OBJECTS, ALLOC_SPACE, INUSE_OBJECTS, INUSE_SPACE), SPACE, "inuse_space");

    /** Live objects only, when allocations are not known (a class histogram). */
    public static final ProfileSchema HEAP_INUSE = new ProfileSchema(List.of(INUSE_OBJECTS, INUSE_SPACE), SPACE, "inuse_space");

    /** The heap profile with alloc_space shown by default (Go's allocs). */
    public static final ProfileSchema ALLOCS =
            new ProfileSchema(List.of(ALLOC_OBJECTS, ALLOC_SPACE, INUSE_OBJECTS, INUSE_SPACE), SPACE, "alloc_space");

    /** Threads, one count per stack (Go's goroutine profile). */
    public static final ProfileSchema GOROUTINE = new ProfileSchema(
            List.of(new ValueType("goroutine", "count")), new ValueType("goroutine", "count"), null);

    /** CPU samples and the time they stand for (Go's profile); the period is the sampling interval. */
    public static final ProfileSchema CPU = new ProfileSchema(
            List.of(new ValueType("samples", "count"), new ValueType("cpu", "nanoseconds")),
            new ValueType("cpu", "nanoseconds"), null);

    /** Blocking events and the time spent blocked (Go's block and mutex profiles). */
    public static final ProfileSchema CONTENTION = new ProfileSchema(
            List.of(new ValueType("contentions", "count"), new ValueType("delay", "nanoseconds")),
            new ValueType("contentions", "count"), null);

    public ProfileSchema {
        sampleTypes = List.copyOf(sampleTypes);
        Objects.requireNonNull(periodType, "periodType");
        if (sampleTypes.isEmpty()) {
            throw new IllegalArgumentException("a profile needs at least one sample type");
        }
        if (defaultSampleType != null && sampleTypes.stream().noneMatch(t -> t.type().equals(defaultSampleType))) {
            throw new IllegalArgumentException("defaultSampleType '" + defaultSampleType + "' is not one of " + sampleTypes);
        }
    }

    /** The position of a sample type among the values, e.g. {@code indexOf("inuse_space")}. */
    public int indexOf(String type) {
        for (int i = 0; i < sampleTypes.size(); i++) {
            if (sampleTypes.get(i).type().equals(type)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no sample type '" + type + "' in " + sampleTypes);
    }
}
