package dev.leakwatch.jvm.proc;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Key resources of one process, from {@code /proc/<pid>/stat}, {@code status}, {@code cmdline} and {@code fd/}.
 *
 * @param pid              process id
 * @param ppid             parent process id (0 for the kernel's own)
 * @param uid              real user id
 * @param commandLine      arguments joined by spaces; {@code [comm]} for processes without one (kernel threads, zombies)
 * @param comm             the kernel's 15-character process name
 * @param state            one-letter state: {@code R}, {@code S}, {@code D}, {@code Z}, {@code T}, {@code I}, ...
 * @param rssBytes         resident set size ({@code VmRSS}), 0 when the process has no memory of its own
 * @param vmHwmBytes       peak resident set size ({@code VmHWM})
 * @param threads          number of threads
 * @param fdCount          open descriptors, empty when {@code /proc/<pid>/fd} may not be listed (another user's process)
 * @param cpuUserSeconds   CPU time in user mode
 * @param cpuSystemSeconds CPU time in kernel mode
 * @param startTime        when the process started; with {@code pid} it identifies a process across pid reuse
 */
public record ProcessStat(
        long pid,
        long ppid,
        long uid,
        String commandLine,
        String comm,
        String state,
        long rssBytes,
        long vmHwmBytes,
        int threads,
        OptionalInt fdCount,
        double cpuUserSeconds,
        double cpuSystemSeconds,
        Instant startTime) {

    public ProcessStat {
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(comm, "comm");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(fdCount, "fdCount");
        Objects.requireNonNull(startTime, "startTime");
    }
}
