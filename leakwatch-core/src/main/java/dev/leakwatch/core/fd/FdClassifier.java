package dev.leakwatch.core.fd;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a descriptor target into the group it leaks with.
 *
 * <p>Leaked descriptors of one kind differ only in counters and ids: {@code segment-12.dat}, {@code segment-13.dat};
 * the ephemeral port of each client connection to the same database. Replacing those parts with {@code *} makes
 * them one group whose count grows. Rules, by target:
 * <ul>
 *   <li>path ({@code /...}): file; UUIDs, hex ids of 8+ characters and digit runs become {@code *}, a
 *       {@code (deleted)} suffix is kept (deleted-but-open files are a leak of their own);</li>
 *   <li>{@code socket:[inode]}: socket, resolved through the {@link SocketResolver}: {@code tcp 127.0.0.1:* -> 127.0.0.1:5432}
 *       for an outgoing connection (ephemeral local port as {@code *}), {@code tcp 10.0.0.5:8080 <- 192.168.1.7:*} for an
 *       accepted one, {@code tcp 0.0.0.0:8080 LISTEN} for a listener (port kept), a non-established state appended
 *       ({@code ... CLOSE_WAIT}); {@code unix /run/app.sock}; {@code socket:[*]} when no table lists the inode;</li>
 *   <li>{@code pipe:[n]}: {@code pipe};</li>
 *   <li>{@code anon_inode:...} and {@code /memfd:...}: anon, digits generalized;</li>
 *   <li>anything else ({@code net:[...]}, {@code mnt:[...]}): other, digits generalized.</li>
 * </ul>
 */
public final class FdClassifier {

    /**
     * Lowest port of Linux's default ephemeral range ({@code net.ipv4.ip_local_port_range = 32768 60999}). Only used
     * for sockets without a peer, where no listener tells which side is ephemeral.
     */
    static final int EPHEMERAL_PORT_FLOOR = 32768;

    private static final String DELETED = " (deleted)";
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** A standalone hex id (container ids, hashes): 8+ hex characters with at least one digit and one letter. */
    private static final Pattern HEX_ID = Pattern.compile(
            "(?<![0-9A-Za-z])(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}(?![0-9A-Za-z])");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private FdClassifier() {}

    /** The group of one descriptor target; {@code sockets} resolves {@code socket:[inode]} targets. */
    public static FdGroup classify(String link, SocketResolver sockets) {
        if (link.startsWith("socket:[") && link.endsWith("]")) {
            return new FdGroup(socketPattern(link, sockets), FdType.SOCKET);
        }
        if (link.startsWith("pipe:[")) {
            return new FdGroup("pipe", FdType.PIPE);
        }
        if (link.startsWith("anon_inode:") || link.startsWith("/memfd:")) {
            return new FdGroup(generalize(link), FdType.ANON);
        }
        if (link.startsWith("/")) {
            return new FdGroup(generalize(link), FdType.FILE);
        }
        return new FdGroup(generalize(link), FdType.OTHER);
    }

    /**
     * {@code text} with UUIDs, standalone hex ids of 8+ characters and digit runs replaced by {@code *};
     * a trailing {@code " (deleted)"} is left as it is.
     */
    public static String generalize(String text) {
        String body = text.endsWith(DELETED) ? text.substring(0, text.length() - DELETED.length()) : text;
        String general = UUID.matcher(body).replaceAll("*");
        general = HEX_ID.matcher(general).replaceAll("*");
        general = DIGITS.matcher(general).replaceAll("*");
        return body.length() == text.length() ? general : general + DELETED;
    }

    private static String socketPattern(String link, SocketResolver sockets) {
        Optional<SocketEndpoint> endpoint = parseInode(link).flatMap(sockets::resolve);
        if (endpoint.isEmpty()) {
            return "socket:[*]";
        }
        SocketEndpoint socket = endpoint.get();
        return "unix".equals(socket.protocol()) ? unixPattern(socket) : inetPattern(socket, sockets);
    }

    private static Optional<Long> parseInode(String link) {
        String digits = link.substring("socket:[".length(), link.length() - 1);
        if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(digits));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    private static String unixPattern(SocketEndpoint socket) {
        StringBuilder pattern = new StringBuilder("unix");
        if (!socket.path().isEmpty()) {
            pattern.append(' ').append(generalize(socket.path()));
        }
        if (socket.listening()) {
            pattern.append(' ').append(SocketEndpoint.LISTEN);
        }
        return pattern.toString();
    }

    private static String inetPattern(SocketEndpoint socket, SocketResolver sockets) {
        String protocol = socket.protocol();
        if (socket.listening()) {
            return protocol + ' ' + address(socket.localAddress(), Integer.toString(socket.localPort())) + " LISTEN";
        }
        String pattern;
        if (!socket.connected()) {
            boolean ephemeral = socket.localPort() == 0 || socket.localPort() >= EPHEMERAL_PORT_FLOOR;
            pattern = protocol + ' '
                    + address(socket.localAddress(), ephemeral ? "*" : Integer.toString(socket.localPort()));
        } else if (sockets.listensOn(protocol, socket.localPort())) {
            pattern = protocol + ' ' + address(socket.localAddress(), Integer.toString(socket.localPort()))
                    + " <- " + address(socket.remoteAddress(), "*");
        } else {
            pattern = protocol + ' ' + address(socket.localAddress(), "*")
                    + " -> " + address(socket.remoteAddress(), Integer.toString(socket.remotePort()));
        }
        boolean usual = "ESTABLISHED".equals(socket.state()) || "UNCONNECTED".equals(socket.state());
        return usual ? pattern : pattern + ' ' + socket.state();
    }

    private static String address(String host, String port) {
        return host.indexOf(':') >= 0 ? '[' + host + "]:" + port : host + ':' + port;
    }
}
