package dev.leakwatch.jvm.profile;

import dev.leakwatch.core.pprof.ProfileBuilder;
import dev.leakwatch.core.pprof.ProfileSchema;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/** How one kind of pprof profile is made from JFR: what to record and how events become samples. */
interface JfrRecipe {
    /** A short name for the recording. */
    String name();

    ProfileSchema schema();

    /** Event settings to record with, as {@code event#setting=value}. */
    Map<String, String> settings();

    /** The event types the profile is made of. */
    Set<String> eventTypes();

    /** The profile's period, in the schema's period type (0 when events are not periodic). */
    long period();

    /** Adds one event to the profile. */
    void add(RecordedEvent event, ProfileBuilder profile);
}
