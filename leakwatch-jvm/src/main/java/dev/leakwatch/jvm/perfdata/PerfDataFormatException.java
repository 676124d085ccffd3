package dev.leakwatch.jvm.perfdata;

/**
 * An hsperfdata buffer that cannot be read: wrong magic, unsupported version, or a structure
 * (header, entry, name, value) that points outside the buffer. Carries the byte offset where
 * the problem was found so a corrupt file can be inspected with a hex dump.
 */
public final class PerfDataFormatException extends IllegalArgumentException {
    private final int offset;

    PerfDataFormatException(String problem, int offset) {
        super(problem + " at offset " + offset + " (0x" + Integer.toHexString(offset) + ")");
        this.offset = offset;
    }

    /** Byte offset in the buffer where the problem was found. */
    public int offset() {
        return offset;
    }
}
