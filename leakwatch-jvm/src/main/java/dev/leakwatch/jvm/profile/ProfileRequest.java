package dev.leakwatch.jvm.profile;

import java.time.Duration;
import java.util.Objects;

/**
 * One profile to take.
 *
 * @param kind which profile
 * @param window how long to sample (ignored by {@link ProfileKind#GOROUTINE}, a snapshot)
 * @param gcFirst for heap profiles, collect garbage before the snapshot (Go's {@code gc=1})
 */
public record ProfileRequest(ProfileKind kind, Duration window, boolean gcFirst) {
    public ProfileRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(window, "window");
        if (kind.needsWindow() && (window.isNegative() || window.isZero())) {
            throw new IllegalArgumentException("a " + kind.endpoint() + " profile needs a positive window, got " + window);
        }
    }

    public static ProfileRequest of(ProfileKind kind, Duration window) {
        return new ProfileRequest(kind, window, false);
    }
}
