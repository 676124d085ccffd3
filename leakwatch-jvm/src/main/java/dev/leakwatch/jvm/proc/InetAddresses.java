package dev.leakwatch.jvm.proc;

/**
 * Formats raw IP addresses without name lookups: dotted IPv4, IPv6 in the RFC 5952 canonical form (lower case,
 * no leading zeros, the longest run of two or more zero groups as {@code ::}), and IPv4-mapped IPv6 addresses
 * ({@code ::ffff:a.b.c.d}) as plain IPv4, since that is the address the peer has.
 */
final class InetAddresses {

    private InetAddresses() {}

    static String format(byte[] address) {
        if (address.length == 4) {
            return ipv4(address, 0);
        }
        if (address.length != 16) {
            throw new IllegalArgumentException("address of " + address.length + " bytes");
        }
        if (ipv4Mapped(address)) {
            return ipv4(address, 12);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not compressed (RFC 5952 section 4.2.2)
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
            i += length;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static boolean ipv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return (address[10] & 0xff) == 0xff && (address[11] & 0xff) == 0xff;
    }

    private static String ipv4(byte[] address, int from) {
        return (address[from] & 0xff) + "." + (address[from + 1] & 0xff) + "." + (address[from + 2] & 0xff) + "."
                + (address[from + 3] & 0xff);
    }
}
