package dev.leakwatch.jvm.profile;

import dev.leakwatch.core.pprof.Label;
import dev.leakwatch.core.pprof.ProfileBuilder;
import dev.leakwatch.core.pprof.ProfileSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Contention profiles, in Go's terms. {@code mutex}: time threads waited to enter a
 * contended monitor ({@code jdk.JavaMonitorEnter}). {@code block}: that plus time parked on
 * java.util.concurrent locks and conditions ({@code jdk.ThreadPark}), the JVM's equivalent of
 * blocking on Go's sync primitives. Each event is one contention with its duration as the
 * delay; only waits of at least {@link #THRESHOLD} are recorded, the threshold of JFR's own
 * "profile" configuration. The lock's class is a label, {@code lock}.
 */
final class ContentionRecipe implements JfrRecipe {
    static final String MONITOR_ENTER = "jdk.JavaMonitorEnter";
    static final String THREAD_PARK = "jdk.ThreadPark";
    static final String THRESHOLD = "10 ms";

    private final boolean monitorsOnly;

    private ContentionRecipe(boolean monitorsOnly) {
        this.monitorsOnly = monitorsOnly;
    }

    static ContentionRecipe block() {
        return new ContentionRecipe(false);
    }

    static ContentionRecipe mutex() {
        return new ContentionRecipe(true);
    }

    @Override
    public String name() {
        return monitorsOnly ? "mutex" : "block";
    }

    @Override
    public ProfileSchema schema() {
        return ProfileSchema.CONTENTION;
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        for (String event : eventTypes()) {
            settings.put(event + "#enabled", "true");
            settings.put(event + "#stackTrace", "true");
            settings.put(event + "#threshold", THRESHOLD);
        }
        return settings;
    }

    @Override
    public Set<String> eventTypes() {
        return monitorsOnly ? Set.of(MONITOR_ENTER) : Set.of(MONITOR_ENTER, THREAD_PARK);
    }

    @Override
    public long period() {
        return 1;
    }

    @Override
    public void add(RecordedEvent event, ProfileBuilder profile) {
        boolean monitor = event.getEventType().getName().equals(MONITOR_ENTER);
        String lock = JfrEvents.className(event, monitor ? "monitorClass" : "parkedClass");
        long delay = Math.max(event.getDuration().toNanos(), 0);
        profile.addSample(JfrEvents.stack(event), List.of(Label.of("lock", lock)), 1, delay);
    }
}
