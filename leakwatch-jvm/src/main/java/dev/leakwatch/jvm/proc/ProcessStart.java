package dev.leakwatch.jvm.proc;

import java.time.Instant;
import java.util.Objects;

/**
 * When a process started.
 *
 * @param ticks clock ticks after boot (field 22 of {@code /proc/<pid>/stat}); with the pid, it
 *              identifies a process across pid reuse
 * @param time  the same moment as an instant
 */
public record ProcessStart(long ticks, Instant time) {
    public ProcessStart {
        Objects.requireNonNull(time, "time");
    }
}
