package dev.leakwatch.agent.findings;

/** The findings store could not be read or written; the message says which file and why. */
public final class FindingsException extends Exception {
    private static final long serialVersionUID = 1L;

    public FindingsException(String message, Throwable cause) {
        super(message, cause);
    }

    public FindingsException(String message) {
        super(message);
    }
}
