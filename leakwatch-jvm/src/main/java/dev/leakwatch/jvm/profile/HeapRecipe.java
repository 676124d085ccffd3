package dev.leakwatch.jvm.profile;

import dev.leakwatch.core.pprof.Label;
import dev.leakwatch.core.pprof.ProfileBuilder;
import dev.leakwatch.core.pprof.ProfileSchema;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Heap and allocation profiles from one recording, as Go makes both from one heap profile.
 *
 * <p>{@code jdk.OldObjectSample} gives live objects with the stack that allocated them
 * (inuse_*): the JVM samples allocations and, when the recording stops, reports the sampled
 * objects that are still alive and have survived a collection. {@code
 * jdk.ObjectAllocationSample} gives allocations throttled to a rate, each carrying the bytes
 * its thread allocated since the previous sample (alloc_*). Counts are numbers of samples:
 * JFR does not say how many objects one sample stands for. The allocated type is a label,
 * {@code object}. Path-to-GC-root search stays off (cutoff 0): it would stop the target for
 * a heap walk.
 */
final class HeapRecipe implements JfrRecipe {
    static final String OLD_OBJECT = "jdk.OldObjectSample";
    static final String ALLOCATION = "jdk.ObjectAllocationSample";
    /** JFR's own "profile" configuration samples allocations at this rate. */
    static final String ALLOCATION_THROTTLE = "300/s";

    private final ProfileSchema schema;

    private HeapRecipe(ProfileSchema schema) {
        this.schema = schema;
    }

    static HeapRecipe heap() {
        return new HeapRecipe(ProfileSchema.HEAP);
    }

    static HeapRecipe allocs() {
        return new HeapRecipe(ProfileSchema.ALLOCS);
    }

    @Override
    public String name() {
        return schema == ProfileSchema.ALLOCS ? "allocs" : "heap";
    }

    @Override
    public ProfileSchema schema() {
        return schema;
    }

    @Override
    public Map<String, String> settings() {
        return Map.of(
                OLD_OBJECT + "#enabled", "true",
                OLD_OBJECT + "#stackTrace", "true",
                OLD_OBJECT + "#cutoff", "0 ns",
                ALLOCATION + "#enabled", "true",
                ALLOCATION + "#stackTrace", "true",
                ALLOCATION + "#throttle", ALLOCATION_THROTTLE);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(OLD_OBJECT, ALLOCATION);
    }

    @Override
    public long period() {
        return 0;
    }

    @Override
    public void add(RecordedEvent event, ProfileBuilder profile) {
        if (event.getEventType().getName().equals(OLD_OBJECT)) {
            String type = JfrEvents.className(event, "object.type");
            long size = event.hasField("objectSize")
                    ? event.getLong("objectSize")
                    : ObjectSizes.estimate(type, event.hasField("arrayElements") ? event.getInt("arrayElements") : -1);
            profile.addSample(JfrEvents.stack(event), List.of(Label.of("object", type)), 0, 0, 1, Math.max(size, 0));
        } else {
            String type = JfrEvents.className(event, "objectClass");
            long weight = event.hasField("weight") ? Math.max(event.getLong("weight"), 0) : 0;
            profile.addSample(JfrEvents.stack(event), List.of(Label.of("object", type)), 1, weight, 0, 0);
        }
    }
}
