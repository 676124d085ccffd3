package dev.leakwatch.jvm.attach;

import java.util.List;

/**
 * Identity of an attached JVM, read once when the connection opens.
 *
 * @param pid             host pid
 * @param javaVersion     {@code java.version}, e.g. {@code 17.0.15}
 * @param vmName          e.g. {@code OpenJDK 64-Bit Server VM}
 * @param vmVendor        e.g. {@code Eclipse Adoptium}
 * @param vmVersion       e.g. {@code 17.0.15+6-Debian-1deb12u1}
 * @param inputArguments  JVM options ({@code -Xmx256m}, {@code -XX:...}), not the main class or its arguments
 * @param command         {@code sun.java.command}: main class or jar and its arguments, empty if unknown
 * @param startTimeMillis epoch milliseconds when the JVM started
 */
public record JvmInfo(
        long pid,
        String javaVersion,
        String vmName,
        String vmVendor,
        String vmVersion,
        List<String> inputArguments,
        String command,
        long startTimeMillis) {

    public JvmInfo {
        inputArguments = List.copyOf(inputArguments);
    }

    /** The feature release, e.g. 17 for {@code 17.0.15} (and 8 for {@code 1.8.0_402}); 0 if unknown. */
    public int featureVersion() {
        String[] parts = javaVersion.split("[.+_-]");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
