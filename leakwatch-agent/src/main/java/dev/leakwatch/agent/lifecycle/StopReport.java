package dev.leakwatch.agent.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What happened during a stop, in the order components were stopped.
 *
 * @param components one entry per component, in stop order
 * @param took       total time of the stop
 */
public record StopReport(List<ComponentStop> components, Duration took) {

    public enum Outcome { STOPPED, FAILED, OVERRAN }

    /**
     * One component's stop.
     *
     * @param error the failure for {@link Outcome#FAILED}
     */
    public record ComponentStop(String name, Outcome outcome, Duration took, Optional<Throwable> error) {}

    /** True when every component stopped cleanly within the deadline. */
    public boolean clean() {
        return components.stream().allMatch(c -> c.outcome() == Outcome.STOPPED);
    }

    /** Names in stop order. */
    public List<String> order() {
        return components.stream().map(ComponentStop::name).toList();
    }
}
