package dev.leakwatch.core.fd;

import java.util.Locale;

/** What an open file descriptor refers to; {@link #id()} is the value of {@code culprits[].type} in the diagnosis JSON. */
public enum FdType {
    FILE,
    SOCKET,
    PIPE,
    ANON,
    OTHER;

    /** Lower-case name used in reports: {@code file}, {@code socket}, {@code pipe}, {@code anon}, {@code other}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
