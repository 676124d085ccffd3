package dev.leakwatch.jvm.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.leakwatch.core.pprof.ProfileSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClassHistogramTest {

    @Test
    void parsesARecordedJdk17Histogram() throws IOException {
        List<ClassHistogram.Entry> entries = ClassHistogram.parse(resource("class-histogram-jdk17.txt"));

        assertThat(entries).hasSize(701);
        assertThat(entries.get(0)).isEqualTo(new ClassHistogram.Entry("byte[]", 13043, 794776));
        assertThat(entries).extracting(ClassHistogram.Entry::className)
                .contains("java.lang.Class", "java.lang.invoke.LambdaForm$Name[]")
                .doesNotContain("Total");
        assertThat(entries.stream().mapToLong(ClassHistogram.Entry::bytes).sum()).isEqualTo(2842576);
    }

    @Test
    void parsesARecordedJdk25Histogram() throws IOException {
        List<ClassHistogram.Entry> entries = ClassHistogram.parse(resource("class-histogram-jdk25.txt"));

        assertThat(entries).hasSizeGreaterThan(800);
        assertThat(entries.get(0).className()).isEqualTo("byte[]");
    }

    @Test
    void becomesAHeapProfileWithClassesAsFrames() throws IOException {
        var profile = HistogramHeap.profile(ClassHistogram.parse(resource("class-histogram-jdk17.txt")));

        assertThat(profile.schema()).isEqualTo(ProfileSchema.HEAP_INUSE);
        assertThat(profile.sampleCount()).isEqualTo(701);
    }

    @Test
    void textWithoutAHeaderIsRejectedClearly() {
        assertThatThrownBy(() -> ClassHistogram.parse("Permission denied"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a class histogram");
    }

    @ParameterizedTest
    @ValueSource(strings = {"class-histogram-jdk17.txt", "class-histogram-jdk25.txt"})
    void damagedHistogramsNeverThrowAnythingButIllegalArgument(String name) throws IOException {
        byte[] recorded = resource(name).getBytes(StandardCharsets.UTF_8);
        Mutations mutations = new Mutations(name.hashCode());
        for (int i = 0; i < 500; i++) {
            String damaged = new String(mutations.mutate(recorded), StandardCharsets.UTF_8);
            Throwable thrown = catchThrowable(() -> ClassHistogram.parse(damaged));
            assertThat(thrown).as("mutation %d", i).satisfiesAnyOf(
                    t -> assertThat(t).isNull(),
                    t -> assertThat(t).isInstanceOf(IllegalArgumentException.class));
        }
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ClassHistogramTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
