package dev.leakwatch.jvm.profile.http;

import dev.leakwatch.jvm.profile.ProfileTarget;
import java.io.IOException;
import java.util.OptionalLong;

/** Turns a request's {@code pid} parameter into a JVM to profile. */
public interface TargetResolver {
    /**
     * The target for a request: this JVM when {@code pid} is empty. The caller closes it.
     *
     * @throws IllegalArgumentException if this listener does not serve that pid
     * @throws IOException if the JVM cannot be reached
     */
    ProfileTarget resolve(OptionalLong pid) throws IOException;

    /** Serves this JVM and, with a pid, any local JVM that can safely be attached to. */
    static TargetResolver localJvms() {
        return pid -> pid.isPresent() ? ProfileTarget.of(pid.getAsLong()) : ProfileTarget.self();
    }

    /**
     * Serves this JVM only, as the in-process agent does: a listener inside an application
     * must not become a way into the host's other JVMs.
     */
    static TargetResolver selfOnly() {
        return pid -> {
            ProfileTarget self = ProfileTarget.self();
            if (pid.isPresent() && pid.getAsLong() != self.pid()) {
                throw new IllegalArgumentException("pid=" + pid.getAsLong()
                        + ": this listener profiles its own JVM only (pid " + self.pid() + ")");
            }
            return self;
        };
    }
}
