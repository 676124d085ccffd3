package dev.leakwatch.core.heap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaNamesTest {

    @ParameterizedTest
    @CsvSource({
        "[B, byte[]",
        "[[I, int[][]",
        "[Z, boolean[]",
        "[J, long[]",
        "[Ljava.lang.Object;, java.lang.Object[]",
        "[Ljava.util.HashMap$Node;, java.util.HashMap$Node[]",
        "[[Ljava.lang.String;, java.lang.String[][]",
        "java.util.HashMap$Node, java.util.HashMap$Node",
        "Rec$$Lambda/0x0000000095040428, Rec$$Lambda/0x0000000095040428",
    })
    void binaryNamesBecomeJavaNames(String binary, String java) {
        assertThat(JavaNames.fromBinaryName(binary)).isEqualTo(java);
    }

    @ParameterizedTest
    @CsvSource({"[", "[[", "[Q", "[L;", "[Ljava.lang.Object", "[BB"})
    void malformedDescriptorsAreKeptAsTheyAre(String malformed) {
        assertThat(JavaNames.fromBinaryName(malformed)).isEqualTo(malformed);
    }

    @Test
    void jdkTypesAreArraysOfPrimitivesAndClassesOfJdkPackages() {
        assertThat(JavaNames.isJdkType("byte[]")).isTrue();
        assertThat(JavaNames.isJdkType("int[][]")).isTrue();
        assertThat(JavaNames.isJdkType("java.lang.Object[]")).isTrue();
        assertThat(JavaNames.isJdkType("java.util.HashMap$Node")).isTrue();
        assertThat(JavaNames.isJdkType("java.lang.String")).isTrue();
        assertThat(JavaNames.isJdkType("javax.management.ObjectName")).isTrue();
        assertThat(JavaNames.isJdkType("jdk.internal.ref.CleanerImpl")).isTrue();
        assertThat(JavaNames.isJdkType("sun.nio.ch.FileChannelImpl")).isTrue();
        assertThat(JavaNames.isJdkType("com.sun.proxy.$Proxy12")).isTrue();

        assertThat(JavaNames.isJdkType("com.example.MetricPoint")).isFalse();
        assertThat(JavaNames.isJdkType("com.example.MetricPoint[]")).isFalse();
        assertThat(JavaNames.isJdkType("javaish.Thing")).isFalse();
        assertThat(JavaNames.isJdkType("Rec$Point")).isFalse();
        assertThat(JavaNames.isJdkType("byteBuffer")).isFalse();
    }
}
