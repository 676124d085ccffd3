package dev.leakwatch.jvm.proc;

import dev.leakwatch.core.fd.SocketEndpoint;
import dev.leakwatch.core.fd.SocketResolver;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sockets of a network namespace by inode, as read from {@code /proc/<pid>/net/{tcp,tcp6,udp,udp6,unix}};
 * resolves the {@code socket:[inode]} targets of that process's descriptors. Immutable.
 */
public final class SocketTable implements SocketResolver {

    private static final SocketTable EMPTY = new SocketTable(Map.of());

    private final Map<Long, SocketEndpoint> byInode;
    private final Set<String> listeners;

    SocketTable(Map<Long, SocketEndpoint> byInode) {
        this.byInode = Map.copyOf(byInode);
        Set<String> ports = new HashSet<>();
        this.byInode.values().stream()
                .filter(SocketEndpoint::listening)
                .forEach(s -> ports.add(s.protocol() + ':' + s.localPort()));
        this.listeners = Set.copyOf(ports);
    }

    /** A table without sockets, e.g. of a process that has exited. */
    public static SocketTable empty() {
        return EMPTY;
    }

    @Override
    public Optional<SocketEndpoint> resolve(long inode) {
        return Optional.ofNullable(byInode.get(inode));
    }

    @Override
    public boolean listensOn(String protocol, int port) {
        return listeners.contains(protocol + ':' + port);
    }

    /** Every socket, by inode. */
    public Map<Long, SocketEndpoint> byInode() {
        return byInode;
    }

    /** Number of sockets. */
    public int size() {
        return byInode.size();
    }
}
