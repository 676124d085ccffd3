package dev.leakwatch.jvm.perfdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random mutations of recorded files of real JVMs: the parser either returns a snapshot or
 * throws {@link PerfDataFormatException}, never anything else (no index or buffer errors).
 * Mutations aim at the structure (header and entry-table integers) as well as random bytes
 * and truncations. Seeded, so a failure reproduces.
 */
class PerfDataParserFuzzTest {
    private static final int ROUNDS = 1_000;

    static List<String> recordedFiles() {
        return PerfDataBuilder.RECORDED;
    }

    @ParameterizedTest
    @MethodSource("recordedFiles")
    void mutatedFilesParseOrFailWithTheDocumentedException(String name) {
        byte[] original = PerfDataBuilder.recorded(name);
        int[] entryStarts = entryStarts(original);
        Random random = new Random(name.hashCode());
        int parsed = 0;
        int rejected = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] mutated = mutate(original, entryStarts, random);
            try {
                PerfData data = PerfDataParser.parse(ByteBuffer.wrap(mutated));
                JvmCounters counters = JvmCounters.of(data);
                counters.heapMaxBytes();
                counters.oldGenAfterLastFullGc();
                counters.uptime(Instant.now());
                counters.collectors();
                parsed++;
            } catch (PerfDataFormatException expected) {
                assertThat(expected.offset()).isBetween(0, mutated.length);
                rejected++;
            } catch (RuntimeException e) {
                fail("round " + round + " of " + name + " threw " + e, e);
            }
        }
        // Both outcomes must be exercised, or the mutations test nothing.
        assertThat(parsed).isPositive();
        assertThat(rejected).isPositive();
    }

    private static byte[] mutate(byte[] original, int[] entryStarts, Random random) {
        byte[] bytes = original.clone();
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(5)) {
                case 0: // a header field
                    buf.putInt(4 * random.nextInt(8), randomInt(random));
                    break;
                case 1: // a field of an entry header
                    int entry = entryStarts[random.nextInt(entryStarts.length)];
                    buf.putInt(entry + 4 * random.nextInt(5), randomInt(random));
                    break;
                case 2: // random bytes anywhere
                    for (int i = 0; i < 1 + random.nextInt(16); i++) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                    break;
                case 3: // truncation
                    return Arrays.copyOf(bytes, random.nextInt(bytes.length));
                default: // a name or string byte turned into NUL or into a non-NUL
                    int at = entryStarts[random.nextInt(entryStarts.length)] + 20 + random.nextInt(40);
                    bytes[Math.min(at, bytes.length - 1)] ^= (byte) 0xFF;
                    break;
            }
        }
        return bytes;
    }

    /** Mostly plausible small values, sometimes extremes, so checks on both sides are reached. */
    private static int randomInt(Random random) {
        switch (random.nextInt(4)) {
            case 0: return random.nextInt(64);
            case 1: return random.nextInt(70_000);
            case 2: return -random.nextInt(100) - 1;
            default: return random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        }
    }

    private static int[] entryStarts(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int count = buf.getInt(28);
        int[] starts = new int[count];
        int at = buf.getInt(24);
        for (int i = 0; i < count; i++) {
            starts[i] = at;
            at += buf.getInt(at);
        }
        return starts;
    }
}
