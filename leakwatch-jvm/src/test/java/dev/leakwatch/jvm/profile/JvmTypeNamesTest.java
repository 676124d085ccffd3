package dev.leakwatch.jvm.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JvmTypeNamesTest {
    @ParameterizedTest
    @CsvSource({
        "[B, byte[]",
        "[[I, int[][]",
        "[Ljava.lang.String;, java.lang.String[]",
        "[[Ljava/util/Map$Entry;, java.util.Map$Entry[][]",
        "java.lang.String, java.lang.String",
        "byte[], byte[]",
        "[, [",
        "[Q, [Q",
        "[L;, [L;"
    })
    void arrayDescriptorsBecomeSourceNames(String jvm, String readable) {
        assertThat(JvmTypeNames.readable(jvm)).isEqualTo(readable);
    }
}
