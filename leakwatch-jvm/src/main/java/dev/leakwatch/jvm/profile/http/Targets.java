package dev.leakwatch.jvm.profile.http;

import dev.leakwatch.jvm.profile.ProfileTarget;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/** Resolving a request's target, holding the per-target gate for work that must not overlap. */
final class Targets {
    private final TargetResolver resolver;
    private final ProfileGate gate = new ProfileGate();

    Targets(TargetResolver resolver) {
        this.resolver = resolver;
    }

    /** Work on a target. */
    interface Work<T> {
        T apply(ProfileTarget target) throws IOException, HttpStatusException;
    }

    /** Runs work on the request's target. */
    <T> T shared(QueryParams params, Work<T> work) throws IOException, HttpStatusException {
        try (ProfileTarget target = resolver.resolve(params.pid())) {
            return work.apply(target);
        }
    }

    /** Runs work on the request's target unless other exclusive work on it is running (429). */
    <T> T exclusive(QueryParams params, Work<T> work) throws IOException, HttpStatusException {
        OptionalLong pid = params.pid();
        long key = pid.orElse(ProcessHandle.current().pid());
        Optional<ProfileGate.Permit> permit = gate.tryAcquire(key);
        if (permit.isEmpty()) {
            throw new HttpStatusException(429, "a profile of pid " + key + " is already running; try again when it has finished");
        }
        try (ProfileTarget target = resolver.resolve(pid)) {
            return work.apply(target);
        } finally {
            permit.get().close();
        }
    }
}
