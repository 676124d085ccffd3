package dev.leakwatch.jvm.diagnose;

/** The pid names no running process (or one this user cannot see). */
public final class NoSuchProcessException extends Exception {
    private static final long serialVersionUID = 1L;

    public NoSuchProcessException(long pid) {
        super("no process with pid " + pid);
    }
}
