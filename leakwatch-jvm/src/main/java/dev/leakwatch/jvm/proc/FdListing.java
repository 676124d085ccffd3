package dev.leakwatch.jvm.proc;

import dev.leakwatch.core.fd.FdTarget;
import java.util.List;
import java.util.Objects;

/**
 * The open descriptors of a process, or why they could not be read.
 *
 * @param status whether the listing was read
 * @param fds    the descriptors, by number; empty unless {@code status} is {@link Status#READ}
 */
public record FdListing(Status status, List<FdTarget> fds) {

    /** Outcome of reading {@code /proc/<pid>/fd}. */
    public enum Status {
        /** The listing was read; descriptors closed while it was being read are left out. */
        READ,
        /** The process does not exist (any more). */
        NO_SUCH_PROCESS,
        /** The process belongs to another user (or is protected): run as its user or with CAP_SYS_PTRACE. */
        PERMISSION_DENIED
    }

    public FdListing {
        Objects.requireNonNull(status, "status");
        fds = List.copyOf(fds);
        if (status != Status.READ && !fds.isEmpty()) {
            throw new IllegalArgumentException(status + " listing cannot carry descriptors");
        }
    }

    static FdListing read(List<FdTarget> fds) {
        return new FdListing(Status.READ, fds);
    }

    static FdListing noSuchProcess() {
        return new FdListing(Status.NO_SUCH_PROCESS, List.of());
    }

    static FdListing permissionDenied() {
        return new FdListing(Status.PERMISSION_DENIED, List.of());
    }

    /** Whether the descriptors could be read. */
    public boolean readable() {
        return status == Status.READ;
    }
}
