package dev.leakwatch.jvm.proc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.core.heap.HeapAddressRange;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmapsParserTest {
    private static final String SMAPS = """
            fc000000-fd000000 rw-p 00000000 00:00 0
            Size:              16384 kB
            Rss:                4096 kB
            Pss:                4096 kB
            fd000000-100000000 ---p 00000000 00:00 0
            Size:              49152 kB
            Rss:                   0 kB
            55d0c8a3e000-55d0c8a3f000 r--p 00000000 fe:01 1837543                    /usr/lib/jvm/java-17-openjdk-amd64/bin/java
            Size:                  4 kB
            Rss:                   4 kB
            7f3c1c000000-7f3c1c021000 rw-p 00000000 00:00 0
            Size:                132 kB
            Rss:                  20 kB
            VmFlags: rd wr mr mw me nr sd
            """;

    @Test
    void sumsResidentMemoryOutsideTheHeap() {
        HeapAddressRange heap = new HeapAddressRange(0xfc000000L, 0x100000000L);
        long outside = SmapsParser.residentBytes(SMAPS, (start, end) -> !heap.overlaps(start, end));
        assertThat(outside).isEqualTo((4 + 20) * 1024L);
        assertThat(SmapsParser.residentBytes(SMAPS, (start, end) -> true)).isEqualTo((4096 + 4 + 20) * 1024L);
    }

    @Test
    void liveProcessHasResidentMemoryOutsideAnyRange() {
        ProcFs proc = ProcFs.system();
        long self = ProcessHandle.current().pid();
        assertThat(proc.residentBytesOutside(self, new HeapAddressRange(0, 1)).orElseThrow()).isPositive();
    }

    @Test
    void fuzzedInputNeverThrows() {
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            char[] text = SMAPS.toCharArray();
            for (int k = 0; k < 6; k++) {
                text[random.nextInt(text.length)] = (char) (32 + random.nextInt(95));
            }
            assertThat(SmapsParser.residentBytes(new String(text), (s, e) -> true)).isNotNegative();
        }
    }
}
