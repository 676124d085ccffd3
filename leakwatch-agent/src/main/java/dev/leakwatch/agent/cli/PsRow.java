package dev.leakwatch.agent.cli;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One line of {@code leakwatch ps}. Unknown numbers are -1.
 *
 * @param jvm present for a HotSpot JVM that publishes counters
 */
record PsRow(long pid, String user, long rssBytes, int threads, int fds, String command, Optional<Jvm> jvm) {

    /**
     * What the JVM's counters say. {@code heapAfterGcBytes} is the heap the last collection
     * left (old generation and survivors); {@code oldGenAfterFullGcBytes} the old generation
     * right after the last full collection, when the snapshot shows it. {@code javaVersion}
     * is {@code java.version} ("17.0.15"), {@code vmVersion} the full {@code java.vm.version}.
     */
    record Jvm(
            String javaVersion,
            String vmVersion,
            OptionalLong heapUsedBytes,
            OptionalLong heapAfterGcBytes,
            OptionalLong heapMaxBytes,
            OptionalLong oldGenAfterFullGcBytes,
            Optional<String> error) {}
}
