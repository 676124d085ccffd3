package dev.leakwatch.jvm.attach;

/**
 * The limits a leak runs into, as the JVM's flags set them (read through the HotSpotDiagnostic MXBean).
 *
 * @param maxHeapBytes          {@code MaxHeapSize} ({@code -Xmx} or the ergonomic default)
 * @param maxMetaspaceBytes     {@code MaxMetaspaceSize}, or {@link #UNLIMITED} when not set (the default)
 * @param maxDirectMemoryBytes  {@code MaxDirectMemorySize}; when the flag is 0 (not set) the JDK allows as much
 *                              direct memory as heap, so this is then {@code maxHeapBytes}
 * @param directMemoryDefaulted whether {@code maxDirectMemoryBytes} is that default rather than a set flag
 */
public record JvmLimits(
        long maxHeapBytes, long maxMetaspaceBytes, long maxDirectMemoryBytes, boolean directMemoryDefaulted) {

    /** No limit: the flag's default is the largest unsigned value. */
    public static final long UNLIMITED = -1;

    /** Whether metaspace has a limit below the address space. */
    public boolean metaspaceLimited() {
        return maxMetaspaceBytes != UNLIMITED;
    }
}
