package dev.leakwatch.jvm.http;

/**
 * A request the listener cannot serve, with the status to answer before closing the
 * connection: 400 (malformed, or the head ends early), 414 (request line too long), 431 (a
 * header line, the head or the header count over its limit), 501 (a transfer coding other than
 * chunked), 505 (an HTTP version other than 1.0 and 1.1).
 */
final class HttpParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    HttpParseException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The status to answer with. */
    int status() {
        return status;
    }
}
