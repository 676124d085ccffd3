package dev.leakwatch.agent.watch;

import dev.leakwatch.core.model.Resource;
import java.util.Map;
import java.util.Objects;

/**
 * What the store holds about one watched process.
 *
 * @param pid     process id (the {@code pid} label)
 * @param name    the {@code process} label
 * @param self    true for the agent itself
 * @param jvm     true when JVM series exist for it (a capture can attach; heap and metaspace apply)
 * @param signals readings per resource
 */
record ProcessSignals(long pid, String name, boolean self, boolean jvm, Map<Resource, Signal> signals) {
    ProcessSignals {
        Objects.requireNonNull(name, "name");
        signals = Map.copyOf(signals);
    }
}
