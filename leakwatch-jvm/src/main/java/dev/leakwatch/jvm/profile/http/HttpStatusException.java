package dev.leakwatch.jvm.profile.http;

/**
 * Ends a request with this status and message (a bad parameter, a busy target, a disabled endpoint).
 * Public so that handlers mounted on the listener by other modules report their bad parameters
 * the same way.
 */
public final class HttpStatusException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
