package dev.leakwatch.core.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClassHistogramParserTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "heap/jdk17-small-app.txt", "heap/jdk25-small-app.txt",
        "heap/jdk17-metric-cache-leak-1.txt", "heap/jdk25-metric-cache-leak-4.txt"})
    void entriesOfRecordedHistogramsAddUpToTheirTotals(String resource) {
        ClassHistogram histogram = ClassHistogramParser.parse(Recordings.read(resource));

        assertThat(histogram.entries()).hasSizeGreaterThan(250);
        assertThat(histogram.entries().stream().mapToLong(ClassHistogram.Entry::instances).sum())
                .isEqualTo(histogram.totalInstances());
        assertThat(histogram.entries().stream().mapToLong(ClassHistogram.Entry::bytes).sum())
                .isEqualTo(histogram.totalBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap/jdk17-small-app.txt", "heap/jdk25-small-app.txt"})
    void arrayNamesAreJavaNamesAndModulesAreDropped(String resource) {
        ClassHistogram histogram = ClassHistogramParser.parse(Recordings.read(resource));

        List<String> names = histogram.entries().stream().map(ClassHistogram.Entry::className).toList();
        assertThat(names).contains("byte[]", "int[]", "java.lang.Object[]", "java.util.HashMap$Node[]",
                "java.util.HashMap$Node", "java.lang.String", "Rec$Point");
        assertThat(names).noneMatch(name -> name.startsWith("[") || name.contains("(") || name.contains(" "));
        assertThat(names).anyMatch(name -> name.startsWith("Rec$$Lambda"));
        // The recorded app keeps 20000 points in a map: the parsed entry shows them.
        assertThat(histogram.entry("Rec$Point")).hasValueSatisfying(point -> {
            assertThat(point.instances()).isEqualTo(20_000);
            assertThat(point.bytes()).isEqualTo(20_000 * 24);
        });
    }

    @Test
    void theMBeanOutputWithoutPidLineParsesTheSame() {
        String jcmd = Recordings.read("heap/jdk17-small-app.txt");

        assertThat(ClassHistogramParser.parse(Recordings.withoutPidLine(jcmd)))
                .isEqualTo(ClassHistogramParser.parse(jcmd));
    }

    @Test
    void jdk8HistogramsWithoutModuleColumnParse() {
        String jdk8 = """
                 num     #instances         #bytes  class name
                ----------------------------------------------
                   1:          1200          98000  [C
                   2:            40           1280  java.lang.String
                Total          1240          99280
                """;

        ClassHistogram histogram = ClassHistogramParser.parse(jdk8);

        assertThat(histogram.entries()).containsExactly(
                new ClassHistogram.Entry("char[]", 1200, 98000),
                new ClassHistogram.Entry("java.lang.String", 40, 1280));
        assertThat(histogram.totalInstances()).isEqualTo(1240);
    }

    @Test
    void sameNamedClassesOfDifferentLoadersAreSummedByName() {
        String text = """
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:            10            240  com.example.Plugin
                   2:             5            120  com.example.Plugin
                Total            15            360
                """;

        ClassHistogram histogram = ClassHistogramParser.parse(text);

        assertThat(histogram.entries()).hasSize(2);
        assertThat(histogram.entry("com.example.Plugin")).contains(new ClassHistogram.Entry("com.example.Plugin", 15, 360));
    }

    @Test
    void outputCutShortIsRefusedWithTheLastLineNumber() {
        String full = Recordings.read("heap/jdk17-small-app.txt");
        String cut = full.substring(0, full.indexOf("Total"));

        assertThatThrownBy(() -> ClassHistogramParser.parse(cut))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Total line");
    }

    @Test
    void aForeignLineIsRefusedWithItsLineNumber() {
        String text = """
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:            10            240  com.example.Plugin
                GC.class_histogram failed: out of memory
                Total            10            240
                """;

        assertThatThrownBy(() -> ClassHistogramParser.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 4: not a histogram entry");
    }

    @Test
    void textThatIsNoHistogramIsRefused() {
        assertThatThrownBy(() -> ClassHistogramParser.parse(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no header");
        assertThatThrownBy(() -> ClassHistogramParser.parse("Unknown diagnostic command\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line 1:");
    }

    @Test
    void countsTooLargeForALongAreRefused() {
        String text = """
                 num     #instances         #bytes  class name (module)
                   1:  99999999999999999999            240  com.example.Plugin
                Total            10            240
                """;

        assertThatThrownBy(() -> ClassHistogramParser.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line 2:");
    }
}
