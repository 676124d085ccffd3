package dev.leakwatch.jvm.perfdata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeapSizeFlagsTest {

    @ParameterizedTest
    @CsvSource({
        "-Xmx512m, 536870912",
        "-Xmx2G, 2147483648",
        "-Xmx1024k, 1048576",
        "-Xmx123456, 123456",
        "-Xmx1t, 1099511627776",
        "-XX:MaxHeapSize=64m, 67108864",
        "'-Xms1g -Xmx2g -Xmx3g', 3221225472",
        "'-Xmx64m -Xmxbogus', 67108864",
        "'  -server   -Xmx8m  ', 8388608"
    })
    void findsTheEffectiveMaximumHeap(String options, long bytes) {
        assertThat(HeapSizeFlags.maxHeapBytes(options)).hasValue(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-Xms1g", "-Xmx", "-Xmxm", "-Xmx12x", "-Xmx-5m", "-Xmx99999999999t", "-Xmx\u0661\u0662m"})
    void ignoresOptionsThatSetNoValidMaximum(String options) {
        assertThat(HeapSizeFlags.maxHeapBytes(options)).isEmpty();
    }

    @Test
    void parsesSizesLikeHotSpot() {
        assertThat(HeapSizeFlags.parseSize("0")).hasValue(0);
        assertThat(HeapSizeFlags.parseSize("10K")).hasValue(10240);
        assertThat(HeapSizeFlags.parseSize("k")).isEmpty();
    }
}
