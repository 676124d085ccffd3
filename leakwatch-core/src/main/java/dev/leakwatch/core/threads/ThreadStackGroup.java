package dev.leakwatch.core.threads;

import java.util.List;
import java.util.Objects;

/**
 * Threads that share a name pattern, a state and key frames.
 *
 * @param namePattern the name with digit runs as {@code *}, e.g. {@code pool-*-thread-*}
 * @param state       the shared {@link Thread.State} name, or null when the source does not tell
 * @param frames      the key frames (see {@link ThreadGrouper#keyFrames}); empty when unknown
 */
public record ThreadStackGroup(String namePattern, String state, List<String> frames) {
    public ThreadStackGroup {
        Objects.requireNonNull(namePattern, "namePattern");
        frames = List.copyOf(frames);
    }
}
