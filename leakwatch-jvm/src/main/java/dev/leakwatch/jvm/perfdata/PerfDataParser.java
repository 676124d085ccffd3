package dev.leakwatch.jvm.perfdata;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a HotSpot hsperfdata buffer (format 2.x), the memory-mapped file every HotSpot JVM
 * publishes under {@code /tmp/hsperfdata_<user>/<pid>} and that jstat reads.
 *
 * <p>Implementation note. Layout, as declared by HotSpot's {@code perfMemory.hpp}:
 * <pre>
 * prologue, 32 bytes:
 *   0 magic        4  0xCAFEC0C0, always these bytes in this order
 *   4 byte_order   1  0 = big endian, 1 = little endian; applies to every field below
 *   5 major        1  2
 *   6 minor        1  0
 *   7 accessible   1  non-zero once the JVM has finished starting
 *   8 used         4  bytes of the buffer in use (prologue included)
 *  12 overflow     4  bytes of counters that did not fit (kept in the JVM's heap, not here)
 *  16 mod_time     8  hrt ticks of the last structural change
 *  24 entry_offset 4  offset of the first entry
 *  28 num_entries  4  number of entries
 * entry, 20-byte header then name and data, offsets relative to the entry's start:
 *   0 entry_length 4    4 name_offset 4    8 vector_length 4 (0 = scalar)
 *  12 data_type    1 ('J' long, 'B' byte vector = string)   13 flags 1
 *  14 data_units   1   15 variability 1   16 data_offset 4
 * </pre>
 * The JVM reserves an entry (bumping {@code used} and {@code num_entries}) before it fills it
 * in, field by field, so a reader racing with counter creation can meet a zeroed or half
 * written entry: like jvmstat, a zero entry length ends the table, and so does a zero name or
 * data offset (never valid, as both lie past the 20-byte header). A buffer read while the JVM
 * is still creating its first entries can fail to parse: read it again a little later. Everything else that does not fit the buffer is a
 * {@link PerfDataFormatException} with the offset; types this reader does not use are skipped
 * so a newer JVM still parses. Every read is bounds-checked before it happens.
 */
public final class PerfDataParser {
    static final int PROLOGUE_SIZE = 32;
    static final int ENTRY_HEADER_SIZE = 20;
    static final int SUPPORTED_MAJOR_VERSION = 2;
    private static final byte[] MAGIC = {(byte) 0xCA, (byte) 0xFE, (byte) 0xC0, (byte) 0xC0};
    private static final byte TYPE_LONG = 'J';
    private static final byte TYPE_BYTE = 'B';

    private PerfDataParser() {}

    /**
     * Parses the buffer's remaining bytes (position to limit). The caller's buffer is not
     * modified: position, limit and byte order stay as they were.
     *
     * @throws PerfDataFormatException if the bytes are not a readable hsperfdata buffer
     */
    public static PerfData parse(ByteBuffer source) {
        ByteBuffer buf = source.slice();
        int length = buf.remaining();
        if (length < PROLOGUE_SIZE) {
            throw new PerfDataFormatException(
                    "truncated prologue: " + length + " bytes, need " + PROLOGUE_SIZE, length);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (buf.get(i) != MAGIC[i]) {
                throw new PerfDataFormatException("not an hsperfdata buffer (bad magic)", 0);
            }
        }
        int byteOrder = buf.get(4);
        if (byteOrder != 0 && byteOrder != 1) {
            throw new PerfDataFormatException("invalid byte order " + byteOrder, 4);
        }
        buf.order(byteOrder == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int major = buf.get(5) & 0xFF;
        int minor = buf.get(6) & 0xFF;
        if (major != SUPPORTED_MAJOR_VERSION) {
            throw new PerfDataFormatException("unsupported version " + major + "." + minor, 5);
        }
        boolean accessible = buf.get(7) != 0;
        int used = buf.getInt(8);
        if (used < PROLOGUE_SIZE || used > length) {
            throw new PerfDataFormatException(
                    "used size " + used + " outside " + PROLOGUE_SIZE + ".." + length
                            + " (truncated file?)", 8);
        }
        int entryOffset = buf.getInt(24);
        if (entryOffset < PROLOGUE_SIZE || entryOffset > used) {
            throw new PerfDataFormatException(
                    "entry offset " + entryOffset + " outside " + PROLOGUE_SIZE + ".." + used, 24);
        }
        int numEntries = buf.getInt(28);
        if (numEntries < 0) {
            throw new PerfDataFormatException("negative entry count " + numEntries, 28);
        }
        return new PerfData(major, minor, accessible, readEntries(buf, entryOffset, numEntries, used));
    }

    private static Map<String, PerfData.Entry> readEntries(
            ByteBuffer buf, int firstEntry, int numEntries, int used) {
        Map<String, PerfData.Entry> entries = new LinkedHashMap<>();
        int start = firstEntry;
        for (int i = 0; i < numEntries; i++) {
            if ((long) start + ENTRY_HEADER_SIZE > used) {
                throw new PerfDataFormatException(
                        "entry " + i + " of " + numEntries + " starts beyond the used area", start);
            }
            int entryLength = buf.getInt(start);
            if (entryLength == 0) {
                break; // reserved by the JVM but not yet written: end of the complete entries
            }
            if (entryLength < ENTRY_HEADER_SIZE || (long) start + entryLength > used) {
                throw new PerfDataFormatException("invalid entry length " + entryLength, start);
            }
            if (buf.getInt(start + 4) == 0 || buf.getInt(start + 16) == 0) {
                break; // the JVM writes the length first: the offsets still 0 mean it is mid-write
            }
            readEntry(buf, start, entryLength, entries);
            start += entryLength;
        }
        return entries;
    }

    private static void readEntry(
            ByteBuffer buf, int start, int entryLength, Map<String, PerfData.Entry> entries) {
        int nameOffset = buf.getInt(start + 4);
        int vectorLength = buf.getInt(start + 8);
        byte type = buf.get(start + 12);
        int units = buf.get(start + 14) & 0xFF;
        int dataOffset = buf.getInt(start + 16);
        if (nameOffset < ENTRY_HEADER_SIZE || nameOffset >= entryLength) {
            throw new PerfDataFormatException("name offset " + nameOffset + " outside entry", start + 4);
        }
        if (vectorLength < 0) {
            throw new PerfDataFormatException("negative vector length " + vectorLength, start + 8);
        }
        if (dataOffset < ENTRY_HEADER_SIZE || dataOffset >= entryLength) {
            throw new PerfDataFormatException("data offset " + dataOffset + " outside entry", start + 16);
        }
        String name = readName(buf, start + nameOffset, start + entryLength);
        Object value;
        if (type == TYPE_LONG && vectorLength == 0) {
            requireData(dataOffset, Long.BYTES, entryLength, start);
            value = buf.getLong(start + dataOffset);
        } else if (type == TYPE_BYTE && vectorLength > 0) {
            requireData(dataOffset, vectorLength, entryLength, start);
            value = readString(buf, start + dataOffset, vectorLength);
        } else {
            return; // a type HotSpot does not publish today (e.g. a long vector): skip it
        }
        if (!name.isEmpty()) {
            entries.putIfAbsent(name, new PerfData.Entry(value, PerfUnits.fromCode(units)));
        }
    }

    private static void requireData(int dataOffset, int size, int entryLength, int start) {
        if ((long) dataOffset + size > entryLength) {
            throw new PerfDataFormatException(
                    "data of " + size + " bytes at " + dataOffset + " exceeds entry length " + entryLength,
                    start + 16);
        }
    }

    /** A NUL-terminated name that must end inside its entry. */
    private static String readName(ByteBuffer buf, int from, int entryEnd) {
        for (int i = from; i < entryEnd; i++) {
            if (buf.get(i) == 0) {
                return decode(buf, from, i - from);
            }
        }
        throw new PerfDataFormatException("unterminated counter name", from);
    }

    /** A string vector: its bytes up to the first NUL (HotSpot pads with NULs). */
    private static String readString(ByteBuffer buf, int from, int maxLength) {
        int len = 0;
        while (len < maxLength && buf.get(from + len) != 0) {
            len++;
        }
        return decode(buf, from, len);
    }

    private static String decode(ByteBuffer buf, int from, int len) {
        byte[] bytes = new byte[len];
        buf.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
