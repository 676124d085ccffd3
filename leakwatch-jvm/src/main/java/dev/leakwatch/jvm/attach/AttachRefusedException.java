package dev.leakwatch.jvm.attach;

/** The JVM could not or must not be attached to; the message says why in words a user can act on. */
public final class AttachRefusedException extends Exception {

    /** Why the attach was refused. */
    public enum Reason {
        /** No process with that pid. */
        NO_SUCH_PROCESS,
        /** The process is not a HotSpot JVM; the attach signal would kill it. */
        NOT_HOTSPOT,
        /** The JVM runs as another user and we are not root. */
        OTHER_USER,
        /**
         * The JVM has its own network namespace (a container not on the host network): the JMX connector
         * it would start listens on its own loopback, out of our reach.
         */
        OTHER_NETWORK_NAMESPACE,
        /** The JVM was started with {@code -XX:+DisableAttachMechanism}. */
        ATTACH_DISABLED,
        /** The JVM does not handle SIGQUIT (started with {@code -Xrs}, or still starting); the signal would kill it. */
        SIGNAL_NOT_HANDLED,
        /** The JVM did not answer in time. */
        TIMEOUT,
        /** Attach or JMX connection failed for another reason, given in the message. */
        FAILED
    }

    private final Reason reason;

    public AttachRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public AttachRefusedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
