package dev.leakwatch.agent.collect;

import java.time.Duration;

/**
 * A collector with its schedule.
 *
 * @param name     the {@code collector} label value, e.g. {@code cpu}, {@code meminfo}
 * @param interval time between runs
 * @param timeout  longest a run may take before it is abandoned
 */
public record CollectorSpec(String name, Duration interval, Duration timeout, Collector collector) {
    public CollectorSpec {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("collector names are lower_snake_case, got \"" + name + "\"");
        }
    }
}
