package dev.leakwatch.core.fd;

import java.util.Objects;

/**
 * Descriptors that share a classified target.
 *
 * @param pattern the target with its varying parts replaced by {@code *}, e.g. {@code /var/data/segment-*.dat},
 *                {@code tcp 127.0.0.1:* -> 127.0.0.1:5432}, {@code pipe}
 * @param type    what the descriptors refer to
 */
public record FdGroup(String pattern, FdType type) {
    public FdGroup {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(type, "type");
    }
}
