package dev.leakwatch.jvm.profile.http;

/** Ends a request with this status and message (a bad parameter, a busy target, a disabled endpoint). */
final class HttpStatusException extends Exception {
    private final int status;

    HttpStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
