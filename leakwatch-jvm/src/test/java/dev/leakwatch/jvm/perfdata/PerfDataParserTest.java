package dev.leakwatch.jvm.perfdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PerfDataParserTest {
    private static final int FIRST_ENTRY = PerfDataParser.PROLOGUE_SIZE;

    static List<String> recordedFiles() {
        return PerfDataBuilder.RECORDED;
    }

    @ParameterizedTest
    @MethodSource("recordedFiles")
    void parsesEveryCounterOfRecordedJvms(String name) {
        byte[] bytes = PerfDataBuilder.recorded(name);
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

        PerfData data = PerfDataParser.parse(ByteBuffer.wrap(bytes));

        assertThat(data.majorVersion()).isEqualTo(2);
        assertThat(data.minorVersion()).isZero();
        assertThat(data.accessible()).isTrue();
        assertThat(data.size()).isEqualTo(header.getInt(28)); // num_entries: every entry read
        assertThat(data.stringValue("sun.rt.javaCommand")).hasValueSatisfying(c -> assertThat(c).startsWith("Rec"));
        assertThat(data.longValue("sun.os.hrt.frequency")).hasValue(1_000_000_000L);
        assertThat(data.units("sun.os.hrt.frequency")).contains(PerfUnits.HERTZ);
        assertThat(data.units("sun.gc.metaspace.used")).contains(PerfUnits.BYTES);
        assertThat(data.units("sun.rt.safepointTime")).contains(PerfUnits.TICKS);
        assertThat(data.values().values()).allMatch(v -> v instanceof Long || v instanceof String);
    }

    @Test
    void readsValuesOfARecordedG1Jvm() {
        PerfData data = PerfDataBuilder.parseRecorded("jdk17-g1");

        assertThat(data.size()).isEqualTo(187);
        assertThat(data.stringValue("java.rt.vmArgs")).contains("-Xmx128m -XX:+UseG1GC");
        assertThat(data.stringValue("java.rt.vmFlags")).contains("");
        assertThat(data.stringValue("sun.gc.collector.1.name")).contains("G1 full collection pauses");
        assertThat(data.longValue("sun.gc.collector.0.invocations")).hasValue(5);
        assertThat(data.longValue("sun.gc.generation.1.space.0.used")).hasValue(7_657_672);
        assertThat(data.longValue("sun.rt.javaCommand")).isEmpty(); // a string, not a long
        assertThat(data.stringValue("sun.os.hrt.frequency")).isEmpty();
        assertThat(data.contains("no.such.counter")).isFalse();
        assertThat(data.names()).first().isEqualTo("sun.rt._sync_Inflations"); // file order kept
    }

    @Test
    void leavesTheCallersBufferUntouched() {
        byte[] bytes = PerfDataBuilder.recorded("jdk25-serial");
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        buf.position(0).limit(bytes.length);

        PerfDataParser.parse(buf);

        assertThat(buf.position()).isZero();
        assertThat(buf.limit()).isEqualTo(bytes.length);
        assertThat(buf.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
    }

    @Test
    void parsesFromTheBuffersPosition() {
        byte[] bytes = PerfDataBuilder.recorded("jdk25-g1");
        byte[] shifted = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, shifted, 7, bytes.length);

        PerfData data = PerfDataParser.parse(ByteBuffer.wrap(shifted).position(7));

        assertThat(data.stringValue("java.property.java.vm.version")).contains("25.0.3+9-LTS");
    }

    @Test
    void readsBigEndianBuffers() {
        byte[] bytes = new PerfDataBuilder().order(ByteOrder.BIG_ENDIAN)
                .put("a.long", 0x0102030405060708L).put("a.string", "hello").build();

        PerfData data = PerfDataParser.parse(ByteBuffer.wrap(bytes));

        assertThat(data.longValue("a.long")).hasValue(0x0102030405060708L);
        assertThat(data.stringValue("a.string")).contains("hello");
    }

    @Test
    void reportsABufferOfAJvmStillStarting() {
        byte[] bytes = new PerfDataBuilder().accessible(false).put("x", 1L).build();

        PerfData data = PerfDataParser.parse(ByteBuffer.wrap(bytes));

        assertThat(data.accessible()).isFalse();
        assertThat(data.longValue("x")).hasValue(1);
    }

    @Test
    void stopsAtAnEntryReservedButNotYetWritten() {
        byte[] bytes = new PerfDataBuilder().put("x", 1L).put("y", "two").zeroedTrailingEntries(1).build();

        PerfData data = PerfDataParser.parse(ByteBuffer.wrap(bytes));

        assertThat(data.values()).containsOnlyKeys("x", "y");
    }

    @Test
    void stopsAtAnEntryTheJvmIsStillWriting() {
        byte[] nameNotYetSet = withInt(buildTwo(), FIRST_ENTRY + 32 + 4, 0);
        byte[] dataNotYetSet = withInt(buildTwo(), FIRST_ENTRY + 32 + 16, 0);

        assertThat(PerfDataParser.parse(ByteBuffer.wrap(nameNotYetSet)).values()).containsOnlyKeys("l1");
        assertThat(PerfDataParser.parse(ByteBuffer.wrap(dataNotYetSet)).values()).containsOnlyKeys("l1");
    }

    @Test
    void skipsTypesItDoesNotUse() {
        byte[] bytes = new PerfDataBuilder().put("skipped", 5L).put("kept", 6L).build();
        bytes[FIRST_ENTRY + 12] = 'I'; // an int: HotSpot publishes none today

        PerfData data = PerfDataParser.parse(ByteBuffer.wrap(bytes));

        assertThat(data.values()).containsOnlyKeys("kept");
    }

    @Test
    void rejectsTooShortBuffers() {
        assertFormatError(new byte[0], 0, "truncated prologue");
        assertFormatError(new byte[31], 31, "truncated prologue");
    }

    @Test
    void rejectsBadMagic() {
        byte[] bytes = PerfDataBuilder.recorded("jdk17-g1");
        bytes[2] = 0;
        assertFormatError(bytes, 0, "bad magic");
    }

    @Test
    void rejectsUnknownByteOrderAndVersion() {
        byte[] order = PerfDataBuilder.recorded("jdk17-g1");
        order[4] = 7;
        assertFormatError(order, 4, "byte order");
        byte[] version = PerfDataBuilder.recorded("jdk17-g1");
        version[5] = 1;
        assertFormatError(version, 5, "unsupported version 1.0");
    }

    @Test
    void rejectsATruncatedFile() {
        byte[] bytes = Arrays.copyOf(PerfDataBuilder.recorded("jdk17-g1"), 10_000);
        assertFormatError(bytes, 8, "truncated file");
    }

    @Test
    void rejectsHeaderFieldsOutsideTheBuffer() {
        assertFormatError(withInt(buildTwo(), 24, 3), 24, "entry offset 3");
        assertFormatError(withInt(buildTwo(), 28, -1), 28, "negative entry count");
        assertFormatError(withInt(buildTwo(), 28, 3), FIRST_ENTRY + 32 + 32, "starts beyond the used area");
    }

    @Test
    void rejectsEntriesPointingOutsideThemselves() {
        assertFormatError(withInt(buildTwo(), FIRST_ENTRY, 19), FIRST_ENTRY, "invalid entry length 19");
        assertFormatError(withInt(buildTwo(), FIRST_ENTRY, 1 << 20), FIRST_ENTRY, "invalid entry length");
        assertFormatError(withInt(buildTwo(), FIRST_ENTRY + 4, 4), FIRST_ENTRY + 4, "name offset 4");
        assertFormatError(withInt(buildTwo(), FIRST_ENTRY + 8, -2), FIRST_ENTRY + 8, "negative vector length");
        assertFormatError(withInt(buildTwo(), FIRST_ENTRY + 16, 300), FIRST_ENTRY + 16, "data offset 300");
        assertFormatError(withInt(buildTwo(), FIRST_ENTRY + 16, 28), FIRST_ENTRY + 16, "exceeds entry length");
    }

    @Test
    void rejectsAnUnterminatedName() {
        byte[] bytes = buildTwo();
        Arrays.fill(bytes, FIRST_ENTRY + 20, FIRST_ENTRY + 32, (byte) 'n');
        assertFormatError(bytes, FIRST_ENTRY + 20, "unterminated counter name");
    }

    @Test
    void aFormatErrorIsAnIllegalArgumentExceptionWithItsOffset() {
        PerfDataFormatException e = new PerfDataFormatException("bad thing", 42);
        assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessage("bad thing at offset 42 (0x2a)");
        assertThat(e.offset()).isEqualTo(42);
    }

    /** Two 32-byte long entries named "l1" and "l2" (20-byte header, name, 8-byte value). */
    private static byte[] buildTwo() {
        byte[] bytes = new PerfDataBuilder().put("l1", 1L).put("l2", 2L).build();
        assertThat(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(FIRST_ENTRY)).isEqualTo(32);
        return bytes;
    }

    private static byte[] withInt(byte[] bytes, int offset, int value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return bytes;
    }

    private static void assertFormatError(byte[] bytes, int offset, String message) {
        assertThatThrownBy(() -> PerfDataParser.parse(ByteBuffer.wrap(bytes)))
                .isInstanceOfSatisfying(PerfDataFormatException.class, e -> assertThat(e.offset()).isEqualTo(offset))
                .hasMessageContaining(message);
    }
}
