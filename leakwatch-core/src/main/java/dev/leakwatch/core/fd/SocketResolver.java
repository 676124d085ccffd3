package dev.leakwatch.core.fd;

import java.util.Optional;

/** Looks up the socket behind a {@code socket:[inode]} descriptor target. */
public interface SocketResolver {

    /** The socket with this inode, or empty when no table lists it (netlink, packet, another namespace, closed). */
    Optional<SocketEndpoint> resolve(long inode);

    /**
     * Whether a socket of this protocol listens on this port. A connected socket whose local port is listened on
     * was accepted by a server, so its remote port is the ephemeral one; otherwise its local port is.
     */
    default boolean listensOn(String protocol, int port) {
        return false;
    }

    /** A resolver that knows no socket: every socket is classified as unresolved. */
    static SocketResolver none() {
        return inode -> Optional.empty();
    }
}
