package dev.leakwatch.jvm.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProfileKindTest {
    @Test
    void cliTypesAndGoEndpointNamesBothWork() {
        assertThat(ProfileKind.fromName("threads")).isEqualTo(ProfileKind.GOROUTINE);
        assertThat(ProfileKind.fromName("goroutine")).isEqualTo(ProfileKind.GOROUTINE);
        assertThat(ProfileKind.fromName("cpu")).isEqualTo(ProfileKind.CPU);
        assertThat(ProfileKind.fromName("profile")).isEqualTo(ProfileKind.CPU);
        assertThat(ProfileKind.fromName("contention")).isEqualTo(ProfileKind.BLOCK);
        assertThat(ProfileKind.fromName("HEAP")).isEqualTo(ProfileKind.HEAP);
    }

    @Test
    void unknownTypesNameTheChoices() {
        assertThatThrownBy(() -> ProfileKind.fromName("wall"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heap, allocs, threads, cpu or contention");
    }
}
