package dev.leakwatch.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class Crc32CombineTest {
    @Test
    void combinedCrcOfTwoPartsIsTheCrcOfTheWhole() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] whole = new byte[random.nextInt(i < 250 ? 64 : 70_000)];
            random.nextBytes(whole);
            int cut = whole.length == 0 ? 0 : random.nextInt(whole.length + 1);
            long a = crc(whole, 0, cut);
            long b = crc(whole, cut, whole.length - cut);
            assertThat(Crc32Combine.combine(a, b, whole.length - cut)).as("length %d cut %d", whole.length, cut)
                    .isEqualTo(crc(whole, 0, whole.length));
        }
    }

    @Test
    void combiningManyPiecesInOrderGivesTheWhole() {
        Random random = new Random(7);
        byte[] whole = new byte[3_000_000];
        random.nextBytes(whole);
        long combined = 0;
        int at = 0;
        while (at < whole.length) {
            int n = Math.min(whole.length - at, random.nextInt(200_000));
            combined = Crc32Combine.combine(combined, crc(whole, at, n), n);
            at += n;
        }
        assertThat(combined).isEqualTo(crc(whole, 0, whole.length));
    }

    @Test
    void anEmptySecondPartChangesNothing() {
        assertThat(Crc32Combine.combine(0x1234_5678L, 0, 0)).isEqualTo(0x1234_5678L);
        assertThatThrownBy(() -> Crc32Combine.combine(0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long crc(byte[] b, int off, int len) {
        CRC32 crc = new CRC32();
        crc.update(b, off, len);
        return crc.getValue();
    }
}
