package dev.leakwatch.agent.findings;

import java.util.Objects;

/**
 * Identity of a watched process. Pids are reused, so the start time (clock ticks after boot,
 * field 22 of {@code /proc/<pid>/stat}) is part of it: a new process with an old pid is another
 * process with findings of its own.
 *
 * @param pid        the process id as seen from the agent's pid namespace
 * @param startTicks start time in clock ticks after boot
 * @param name       what the process is called in labels and reports (main class, jar or comm)
 */
public record WatchedProcess(long pid, long startTicks, String name) {
    public WatchedProcess {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, got " + pid);
        }
        Objects.requireNonNull(name, "name");
    }
}
