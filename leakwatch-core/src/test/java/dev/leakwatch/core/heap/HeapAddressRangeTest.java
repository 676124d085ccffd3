package dev.leakwatch.core.heap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HeapAddressRangeTest {
    // Recorded with `jcmd <pid> GC.heap_info` on JDK 17.0.15 and 25.0.3, -Xmx64m.
    static final String G1_17 = """
            16966:
             garbage-first heap   total 65536K, used 3133K [0x00000000fc000000, 0x0000000100000000)
              region size 1024K, 3 young (3072K), 1 survivors (1024K)
             Metaspace       used 1451K, committed 1664K, reserved 1114112K
              class space    used 166K, committed 256K, reserved 1048576K
            """;
    static final String PARALLEL_17 = """
             PSYoungGen      total 18944K, used 14138K [0x00000000feb00000, 0x0000000100000000, 0x0000000100000000)
              eden space 16384K, 86% used [0x00000000feb00000,0x00000000ff8ceb68,0x00000000ffb00000)
              from space 2560K, 0% used [0x00000000ffd80000,0x00000000ffd80000,0x0000000100000000)
              to   space 2560K, 0% used [0x00000000ffb00000,0x00000000ffb00000,0x00000000ffd80000)
             ParOldGen       total 44032K, used 0K [0x00000000fc000000, 0x00000000feb00000, 0x00000000feb00000)
              object space 44032K, 0% used [0x00000000fc000000,0x00000000fc000000,0x00000000feb00000)
             Metaspace       used 1488K, committed 1728K, reserved 1114112K
            """;
    static final String SERIAL_17 = """
             def new generation   total 19648K, used 12966K [0x00000000fc000000, 0x00000000fd550000, 0x00000000fd550000)
              eden space 17472K,  74% used [0x00000000fc000000, 0x00000000fcca9b58, 0x00000000fd110000)
             tenured generation   total 43712K, used 0K [0x00000000fd550000, 0x0000000100000000, 0x0000000100000000)
               the space 43712K,   0% used [0x00000000fd550000, 0x00000000fd550000, 0x00000000fd550200, 0x0000000100000000)
             Metaspace       used 1494K, committed 1728K, reserved 1114112K
            """;
    static final String G1_25 = """
            garbage-first heap   total reserved 65536K, committed 65536K, used 6420K [0x00000000fc000000, 0x0000000100000000)
             region size 1024K, 6 young (6144K), 1 survivors (1024K)
            """;

    @Test
    void findsTheHeapReservationForEveryCollectorLayout() {
        HeapAddressRange expected = new HeapAddressRange(0xfc000000L, 0x100000000L);
        assertThat(HeapAddressRange.parse(G1_17)).contains(expected);
        assertThat(HeapAddressRange.parse(PARALLEL_17)).contains(expected);
        assertThat(HeapAddressRange.parse(SERIAL_17)).contains(expected);
        assertThat(HeapAddressRange.parse(G1_25)).contains(expected);
    }

    @Test
    void overlapIsHalfOpen() {
        HeapAddressRange heap = new HeapAddressRange(0x1000, 0x2000);
        assertThat(heap.overlaps(0x0, 0x1000)).isFalse();
        assertThat(heap.overlaps(0x0, 0x1001)).isTrue();
        assertThat(heap.overlaps(0x1fff, 0x3000)).isTrue();
        assertThat(heap.overlaps(0x2000, 0x3000)).isFalse();
    }

    @Test
    void noRangeWithoutAddresses() {
        assertThat(HeapAddressRange.parse(" ZHeap           used 8M, capacity 64M, max capacity 64M\n")).isEmpty();
        assertThat(HeapAddressRange.parse("")).isEmpty();
    }

    @Test
    void fuzzedInputEitherParsesOrIsEmpty() {
        Random random = new Random(17);
        for (int i = 0; i < 2_000; i++) {
            char[] text = (i % 2 == 0 ? PARALLEL_17 : G1_25).toCharArray();
            for (int k = 0; k < 5; k++) {
                text[random.nextInt(text.length)] = (char) (32 + random.nextInt(95));
            }
            HeapAddressRange.parse(new String(text)).ifPresent(r -> assertThat(Long.compareUnsigned(r.low(), r.high())).isNegative());
        }
    }
}
