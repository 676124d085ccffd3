package dev.leakwatch.jvm.profile;

import java.io.IOException;

/** The target JVM cannot produce this profile (e.g. it has no JFR, or lacks an MBean). */
public final class ProfileUnavailableException extends IOException {
    public ProfileUnavailableException(String message) {
        super(message);
    }
}
