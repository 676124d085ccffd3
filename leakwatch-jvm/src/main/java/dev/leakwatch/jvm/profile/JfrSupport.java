package dev.leakwatch.jvm.profile;

import java.util.Optional;

/**
 * Whether this JVM can record with JFR. Kept apart so that no JFR class is loaded on a
 * runtime built without the {@code jdk.jfr} module (a jlinked image, for instance).
 */
final class JfrSupport {
    private JfrSupport() {}

    static Optional<JfrRecorder> inProcessRecorder() {
        if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
            return Optional.empty();
        }
        return Available.check() ? Optional.of(new InProcessJfrRecorder()) : Optional.empty();
    }

    /** Touches jdk.jfr only once the module is known to be present. */
    private static final class Available {
        static boolean check() {
            return jdk.jfr.FlightRecorder.isAvailable();
        }
    }
}
