package dev.leakwatch.jvm.profile;

import dev.leakwatch.core.pprof.ProfileBuilder;
import dev.leakwatch.core.pprof.ProfileSchema;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * CPU profile from {@code jdk.ExecutionSample}: JFR samples threads running Java code every
 * period, so each sample stands for one period of CPU time, as each SIGPROF tick does in Go
 * (which samples at 100 Hz, the same 10 ms used here).
 */
final class CpuRecipe implements JfrRecipe {
    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    static final Duration INTERVAL = Duration.ofMillis(10);

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public ProfileSchema schema() {
        return ProfileSchema.CPU;
    }

    @Override
    public Map<String, String> settings() {
        return Map.of(
                EXECUTION_SAMPLE + "#enabled", "true",
                EXECUTION_SAMPLE + "#period", INTERVAL.toMillis() + " ms");
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EXECUTION_SAMPLE);
    }

    @Override
    public long period() {
        return INTERVAL.toNanos();
    }

    @Override
    public void add(RecordedEvent event, ProfileBuilder profile) {
        profile.addSample(JfrEvents.stack(event), 1, period());
    }
}
