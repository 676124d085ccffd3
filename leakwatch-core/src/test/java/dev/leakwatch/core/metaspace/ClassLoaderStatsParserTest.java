package dev.leakwatch.core.metaspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.core.heap.TextMutations;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassLoaderStatsParserTest {

    static String read(String resource) {
        try (InputStream in = ClassLoaderStatsParserTest.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "metaspace/jdk17-small-app.txt", "metaspace/jdk25-small-app.txt",
        "metaspace/jdk17-loader-leak-3.txt", "metaspace/jdk25-loader-leak-3.txt"})
    void loadersOfRecordedStatisticsAddUpToTheirTotals(String resource) {
        ClassLoaderStats stats = ClassLoaderStatsParser.parse(read(resource));

        assertThat(stats.loaders()).hasSize(stats.totalLoaders());
        assertThat(stats.loaders().stream().mapToLong(l -> l.classes() + l.hiddenClasses()).sum())
                .isEqualTo(stats.totalClasses());
        assertThat(stats.loaders().stream().mapToLong(l -> l.chunkBytes() + l.hiddenChunkBytes()).sum())
                .isEqualTo(stats.totalChunkBytes());
        assertThat(stats.loaders().stream().mapToLong(l -> l.blockBytes() + l.hiddenBlockBytes()).sum())
                .isEqualTo(stats.totalBlockBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"metaspace/jdk17-small-app.txt", "metaspace/jdk25-small-app.txt"})
    void loadersAreSummedByType(String resource) {
        // The recorded app made five URLClassLoaders that loaded one class each.
        Map<String, ClassLoaderStats.TypeStats> byType = ClassLoaderStatsParser.parse(read(resource)).byLoaderType();

        assertThat(byType).containsKeys("<boot class loader>", "jdk.internal.loader.ClassLoaders$AppClassLoader",
                "jdk.internal.loader.ClassLoaders$PlatformClassLoader", "java.net.URLClassLoader");
        assertThat(byType.get("java.net.URLClassLoader").instances()).isEqualTo(5);
        assertThat(byType.get("java.net.URLClassLoader").classes()).isEqualTo(5);
        ClassLoaderStats.TypeStats boot = byType.get("<boot class loader>");
        assertThat(boot.instances()).isEqualTo(1);
        assertThat(boot.hiddenClasses()).isPositive().isLessThan(boot.classes());
    }

    @Test
    void jdk11UnsafeAnonymousClassesCountAsHidden() {
        String jdk11 = """
                ClassLoader         Parent              CLD*               Classes   ChunkSz   BlockSz  Type
                0x0000000000000000  0x0000000000000000  0x00007f3c8c0d9ea0     655   4030464   3875704  <boot class loader>
                                                                                40     67584     37032   + unsafe anonymous classes
                Total = 1                                                      695   4098048   3912736
                ChunkSz: Total size of all allocated metaspace chunks
                BlockSz: Total size of all allocated metaspace blocks (each chunk has several blocks)
                """;

        ClassLoaderStats stats = ClassLoaderStatsParser.parse(jdk11);

        assertThat(stats.loaders()).containsExactly(
                new ClassLoaderStats.Loader("<boot class loader>", 655, 4030464, 3875704, 40, 67584, 37032));
    }

    @Test
    void outputCutShortIsRefused() {
        String full = read("metaspace/jdk25-loader-leak-2.txt");
        String cut = full.substring(0, full.indexOf("Total ="));

        assertThatThrownBy(() -> ClassLoaderStatsParser.parse(cut))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Total line");
    }

    @Test
    void foreignLinesAreRefusedWithTheirLineNumber() {
        String text = """
                ClassLoader         Parent              CLD*               Classes   ChunkSz   BlockSz  Type
                                                                                40     67584     37032   + hidden classes
                Total = 0                                                        0         0         0
                """;

        assertThatThrownBy(() -> ClassLoaderStatsParser.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line 2: hidden classes line");
        assertThatThrownBy(() -> ClassLoaderStatsParser.parse("Unknown diagnostic command"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line 1:");
        assertThatThrownBy(() -> ClassLoaderStatsParser.parse(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no header");
    }

    @Test
    void mutatedStatisticsParseOrFailWithIllegalArgument() {
        String[] recorded = {read("metaspace/jdk17-small-app.txt"), read("metaspace/jdk25-loader-leak-3.txt")};
        Random random = new Random(11L);
        for (int i = 0; i < 2_000; i++) {
            String mutated = TextMutations.mutate(recorded[i % recorded.length], random);
            assertThatCode(() -> {
                try {
                    ClassLoaderStatsParser.parse(mutated);
                } catch (IllegalArgumentException expected) {
                    // the documented answer to bad input
                }
            }).as("mutation %d", i).doesNotThrowAnyException();
        }
    }
}
