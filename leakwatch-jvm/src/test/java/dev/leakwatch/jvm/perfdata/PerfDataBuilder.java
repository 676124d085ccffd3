package dev.leakwatch.jvm.perfdata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes hsperfdata buffers the way HotSpot lays them out, for tests that need a layout no
 * recorded file has (big endian, JDK 11 names, a half-written entry), plus access to the
 * recorded files of real JVMs in the test resources.
 */
final class PerfDataBuilder {
    static final List<String> RECORDED = List.of(
            "jdk17-g1", "jdk17-parallel", "jdk17-serial", "jdk25-g1", "jdk25-parallel", "jdk25-serial",
            "jdk17-g1-after-full", "jdk25-serial-after-full");

    private final Map<String, Object> counters = new LinkedHashMap<>();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private boolean accessible = true;
    private int zeroedTrailingEntries;

    PerfDataBuilder order(ByteOrder order) {
        this.order = order;
        return this;
    }

    PerfDataBuilder accessible(boolean accessible) {
        this.accessible = accessible;
        return this;
    }

    PerfDataBuilder put(String name, long value) {
        counters.put(name, value);
        return this;
    }

    PerfDataBuilder put(String name, String value) {
        counters.put(name, value);
        return this;
    }

    PerfDataBuilder putAll(Map<String, Object> values) {
        counters.putAll(values);
        return this;
    }

    /** Entries the JVM has reserved (counted in the header) but not yet written. */
    PerfDataBuilder zeroedTrailingEntries(int count) {
        this.zeroedTrailingEntries = count;
        return this;
    }

    byte[] build() {
        List<byte[]> entries = new ArrayList<>();
        counters.forEach((name, value) -> entries.add(entry(name, value)));
        int reserved = zeroedTrailingEntries * 32;
        int used = PerfDataParser.PROLOGUE_SIZE + entries.stream().mapToInt(e -> e.length).sum() + reserved;
        ByteBuffer buf = ByteBuffer.allocate(used + 64).order(order);
        buf.put(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xC0, (byte) 0xC0});
        buf.put((byte) (order == ByteOrder.BIG_ENDIAN ? 0 : 1)).put((byte) 2).put((byte) 0);
        buf.put((byte) (accessible ? 1 : 0));
        buf.putInt(used).putInt(0).putLong(12345L).putInt(PerfDataParser.PROLOGUE_SIZE);
        buf.putInt(entries.size() + zeroedTrailingEntries);
        entries.forEach(buf::put);
        return buf.array();
    }

    private byte[] entry(String name, Object value) {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        int nameOffset = PerfDataParser.ENTRY_HEADER_SIZE;
        int dataOffset = align(nameOffset + nameBytes.length, value instanceof Long ? 8 : 1);
        byte[] data;
        int vectorLength;
        if (value instanceof Long) {
            data = ByteBuffer.allocate(8).order(order).putLong((Long) value).array();
            vectorLength = 0;
        } else {
            byte[] text = ((String) value).getBytes(StandardCharsets.UTF_8);
            vectorLength = text.length + 8; // HotSpot reserves room and pads with NULs
            data = new byte[vectorLength];
            System.arraycopy(text, 0, data, 0, text.length);
        }
        int length = align(dataOffset + data.length, 4);
        ByteBuffer e = ByteBuffer.allocate(length).order(order);
        e.putInt(length).putInt(nameOffset).putInt(vectorLength);
        e.put((byte) (value instanceof Long ? 'J' : 'B')).put((byte) 0);
        e.put((byte) (value instanceof Long ? 2 : 5)).put((byte) 3).putInt(dataOffset);
        e.position(nameOffset);
        e.put(nameBytes);
        e.position(dataOffset);
        e.put(data);
        return e.array();
    }

    private static int align(int value, int to) {
        return (value + to - 1) / to * to;
    }

    static byte[] recorded(String name) {
        String resource = name + ".hsperfdata";
        try (InputStream in = PerfDataBuilder.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PerfData parseRecorded(String name) {
        return PerfDataParser.parse(ByteBuffer.wrap(recorded(name)));
    }
}
