package dev.leakwatch.core.fd;

import java.util.Objects;

/**
 * One open file descriptor as the kernel shows it.
 *
 * @param fd   the descriptor number
 * @param link the target of {@code /proc/<pid>/fd/<fd>}, e.g. {@code /var/data/segment-12.dat},
 *             {@code socket:[48213]}, {@code pipe:[771]}, {@code anon_inode:[eventfd]}
 */
public record FdTarget(int fd, String link) {
    public FdTarget {
        Objects.requireNonNull(link, "link");
    }
}
