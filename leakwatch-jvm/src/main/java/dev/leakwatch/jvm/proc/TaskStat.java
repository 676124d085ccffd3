package dev.leakwatch.jvm.proc;

import dev.leakwatch.core.threads.ThreadSnapshot;
import java.util.Objects;

/**
 * One thread of a process, from {@code /proc/<pid>/task/<tid>/stat}.
 *
 * @param tid   thread id
 * @param name  the kernel's thread name (at most 15 characters; JVMs set it from the Java thread name)
 * @param state one-letter state: {@code R}, {@code S}, {@code D}, ...
 */
public record TaskStat(long tid, String name, String state) {
    public TaskStat {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }

    /**
     * This thread for {@link dev.leakwatch.core.threads.ThreadGrouper}: by name only, since a kernel state letter
     * is not a Java thread state and the kernel knows no Java frames.
     */
    public ThreadSnapshot snapshot() {
        return ThreadSnapshot.named(name);
    }
}
