package dev.leakwatch.jvm.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectSizesTest {
    @Test
    void arraysAreHeaderPlusElementsAlignedToEight() {
        assertThat(ObjectSizes.estimate("byte[]", 8192)).isEqualTo(16 + 8192);
        assertThat(ObjectSizes.estimate("byte[]", 1)).isEqualTo(24);
        assertThat(ObjectSizes.estimate("long[]", 3)).isEqualTo(16 + 24);
        assertThat(ObjectSizes.estimate("java.lang.Object[]", 3)).isEqualTo(32);
        assertThat(ObjectSizes.estimate("char[]", 0)).isEqualTo(16);
    }

    @Test
    void instancesCountAsTheSmallestObject() {
        assertThat(ObjectSizes.estimate("java.lang.String", -1)).isEqualTo(ObjectSizes.MIN_OBJECT);
        assertThat(ObjectSizes.estimate("byte[]", -1)).isEqualTo(ObjectSizes.MIN_OBJECT);
    }
}
