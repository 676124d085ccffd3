package dev.leakwatch.jvm.profile.http;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One profile at a time per target JVM: a second request for a busy pid is refused (429)
 * rather than queued, since two recordings would both slow the target and skew each other.
 */
final class ProfileGate {
    private final Set<Long> busy = ConcurrentHashMap.newKeySet();

    /** A permit for the pid, released on close, or empty if a profile of it is running. */
    Optional<Permit> tryAcquire(long pid) {
        return busy.add(pid) ? Optional.of(new Permit(pid)) : Optional.empty();
    }

    final class Permit implements AutoCloseable {
        private final long pid;

        private Permit(long pid) {
            this.pid = pid;
        }

        @Override
        public void close() {
            busy.remove(pid);
        }
    }
}
