package dev.leakwatch.jvm.proc;

import dev.leakwatch.core.fd.SocketEndpoint;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Parses the kernel's socket tables: {@code /proc/<pid>/net/tcp}, {@code tcp6}, {@code udp}, {@code udp6} and
 * {@code unix}, keyed by socket inode (the number in a {@code socket:[inode]} descriptor target).
 *
 * <p>Implementation note: in the inet tables an address is printed as 32-bit words in host byte order with
 * {@code %08X} (one word for IPv4, four for IPv6), then {@code :} and the port in hex. On little-endian machines
 * each word's bytes are therefore reversed: 127.0.0.1 reads {@code 0100007F}. IPv4-mapped IPv6 addresses (Java's
 * dual-stack sockets put IPv4 connections in {@code tcp6}) are shown in their IPv4 form. Lines with inode 0
 * (TIME_WAIT, no owner) and malformed lines are skipped. References: Linux {@code net/ipv4/tcp_ipv4.c}
 * ({@code get_tcp4_sock}), {@code net/ipv6/tcp_ipv6.c} ({@code get_tcp6_sock}), {@code net/unix/af_unix.c}
 * ({@code unix_seq_show}).
 */
final class NetTableParser {

    private static final String[] TCP_STATES = {
        "UNKNOWN", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE",
        "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"
    };
    private static final int TCP_ESTABLISHED = 1;
    private static final String[] UNIX_STATES = {"FREE", "UNCONNECTED", "CONNECTING", "CONNECTED", "DISCONNECTING"};
    /** {@code __SO_ACCEPTCON}: the unix socket listens. */
    private static final long UNIX_ACCEPTING = 1L << 16;

    private NetTableParser() {}

    /**
     * An inet table.
     *
     * @param protocol {@code tcp} or {@code udp}, for both the IPv4 and the IPv6 table
     * @param order    byte order of the machine that wrote the table
     */
    static Map<Long, SocketEndpoint> parseInet(String text, String protocol, ByteOrder order) {
        Map<Long, SocketEndpoint> sockets = new HashMap<>();
        for (String line : (Iterable<String>) text.lines()::iterator) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 10 || !fields[0].endsWith(":")) {
                continue; // header or malformed
            }
            try {
                long inode = Long.parseLong(fields[9]);
                String[] local = fields[1].split(":");
                String[] remote = fields[2].split(":");
                int state = Integer.parseInt(fields[3], 16);
                if (inode == 0 || local.length != 2 || remote.length != 2) {
                    continue;
                }
                sockets.put(inode, SocketEndpoint.inet(protocol,
                        address(local[0], order), port(local[1]),
                        address(remote[0], order), port(remote[1]),
                        state(protocol, state)));
            } catch (IllegalArgumentException malformed) {
                // NumberFormatException included: skip the line
            }
        }
        return sockets;
    }

    /** The unix table: {@code Num RefCount Protocol Flags Type St Inode Path}. */
    static Map<Long, SocketEndpoint> parseUnix(String text) {
        Map<Long, SocketEndpoint> sockets = new HashMap<>();
        for (String line : (Iterable<String>) text.lines()::iterator) {
            String[] fields = line.strip().split("\\s+", 8);
            if (fields.length < 7 || !fields[0].endsWith(":")) {
                continue;
            }
            try {
                long flags = Long.parseLong(fields[3], 16);
                int state = Integer.parseInt(fields[5], 16);
                long inode = Long.parseLong(fields[6]);
                String path = fields.length > 7 ? fields[7] : "";
                String name = (flags & UNIX_ACCEPTING) != 0 ? SocketEndpoint.LISTEN
                        : state >= 0 && state < UNIX_STATES.length ? UNIX_STATES[state] : "UNKNOWN";
                sockets.put(inode, SocketEndpoint.unix(name, path));
            } catch (NumberFormatException malformed) {
                // skip the line
            }
        }
        return sockets;
    }

    private static String state(String protocol, int code) {
        if ("udp".equals(protocol)) {
            return code == TCP_ESTABLISHED ? "ESTABLISHED" : "UNCONNECTED";
        }
        return code >= 0 && code < TCP_STATES.length ? TCP_STATES[code] : "UNKNOWN";
    }

    private static int port(String hex) {
        if (hex.length() > 4) {
            throw new IllegalArgumentException("port " + hex);
        }
        return Integer.parseInt(hex, 16);
    }

    /** The textual form of an address printed as host-order 32-bit words. */
    static String address(String hex, ByteOrder order) {
        if (hex.length() != 8 && hex.length() != 32) {
            throw new IllegalArgumentException("address of " + hex.length() + " hex digits: " + hex);
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            long value = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
            for (int i = 0; i < 4; i++) {
                int shift = order == ByteOrder.LITTLE_ENDIAN ? 8 * i : 8 * (3 - i);
                bytes[word * 4 + i] = (byte) (value >>> shift);
            }
        }
        return InetAddresses.format(bytes);
    }
}
