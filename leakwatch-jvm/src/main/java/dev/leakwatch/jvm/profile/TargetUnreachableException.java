package dev.leakwatch.jvm.profile;

import java.io.IOException;

/** Another JVM could not, or must not, be profiled; the message says why in words a user can act on. */
public final class TargetUnreachableException extends IOException {
    /** Why. */
    public enum Kind {
        /** No process has that pid. */
        NO_SUCH_PROCESS,
        /** Attaching was refused as unsafe or not permitted (not HotSpot, another user, attach disabled...). */
        REFUSED,
        /** Attaching or connecting failed (timeout, connection error). */
        FAILED
    }

    private final Kind kind;

    public TargetUnreachableException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
