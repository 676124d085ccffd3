package dev.leakwatch.core.fd;

import java.util.Objects;

/**
 * A socket as the kernel's socket tables ({@code /proc/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6},
 * {@code unix}) describe it.
 *
 * @param protocol      {@code tcp}, {@code udp} or {@code unix}; IPv6 sockets keep the transport name and carry
 *                      IPv6 addresses
 * @param localAddress  textual IP address ({@code 127.0.0.1}, {@code ::1}; IPv4-mapped IPv6 addresses in their IPv4
 *                      form); empty for unix sockets
 * @param localPort     local port, 0 for unix sockets
 * @param remoteAddress textual IP address of the peer, {@code 0.0.0.0} or {@code ::} when not connected; empty for
 *                      unix sockets
 * @param remotePort    peer port, 0 when not connected
 * @param state         {@code ESTABLISHED}, {@code LISTEN}, {@code CLOSE_WAIT}, ... for tcp; {@code ESTABLISHED} or
 *                      {@code UNCONNECTED} for udp; {@code LISTEN}, {@code CONNECTED}, {@code UNCONNECTED}, ... for unix
 * @param path          bound path of a unix socket ({@code @name} for abstract names), empty when unnamed or not unix
 */
public record SocketEndpoint(
        String protocol, String localAddress, int localPort, String remoteAddress, int remotePort, String state, String path) {

    public static final String LISTEN = "LISTEN";

    public SocketEndpoint {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(path, "path");
    }

    /** An IP socket. */
    public static SocketEndpoint inet(
            String protocol, String localAddress, int localPort, String remoteAddress, int remotePort, String state) {
        return new SocketEndpoint(protocol, localAddress, localPort, remoteAddress, remotePort, state, "");
    }

    /** A unix-domain socket; {@code path} is empty for unnamed sockets. */
    public static SocketEndpoint unix(String state, String path) {
        return new SocketEndpoint("unix", "", 0, "", 0, state, path);
    }

    /** Whether this socket accepts connections (tcp, unix stream) rather than carrying one. */
    public boolean listening() {
        return LISTEN.equals(state);
    }

    /** Whether a peer is known: a connected tcp or udp socket. */
    public boolean connected() {
        return remotePort != 0;
    }
}
