package dev.leakwatch.core.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.CulpritKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HistogramSeriesTest {

    private static final String LEAKING_CLASS = "dev.leakwatch.jvm.attach.testapps.MetricPoint";

    /** The four histograms recorded 2 s apart from a JVM leaking metric points into a static map. */
    private static List<TimedHistogram> recordedLeak(int jdk) {
        List<TimedHistogram> series = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String text = Recordings.read("heap/jdk" + jdk + "-metric-cache-leak-" + i + ".txt");
            series.add(new TimedHistogram(i * 2_000L, ClassHistogramParser.parse(text)));
        }
        return series;
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void theLeakingClassAndItsContainersAreNamedMostGrowthFirst(int jdk) {
        List<TimedHistogram> recorded = recordedLeak(jdk);
        HistogramSeries series = new HistogramSeries(recorded);

        List<ClassGrowth> growth = series.classGrowth(10);

        assertThat(growth).extracting(ClassGrowth::className)
                .contains(LEAKING_CLASS, "byte[]", "java.util.HashMap$Node", "java.lang.Long");
        assertThat(growth).isSortedAccordingTo((a, b) -> Long.compare(b.bytesGrowth(), a.bytesGrowth()));
        ClassGrowth point = growth.stream().filter(g -> g.className().equals(LEAKING_CLASS)).findFirst().orElseThrow();
        ClassHistogram.Entry first = recorded.get(0).histogram().entry(LEAKING_CLASS).orElseThrow();
        ClassHistogram.Entry last = recorded.get(3).histogram().entry(LEAKING_CLASS).orElseThrow();
        assertThat(point.bytesGrowth()).isEqualTo(last.bytes() - first.bytes()).isPositive();
        assertThat(point.instancesGrowth()).isEqualTo(last.instances() - first.instances()).isPositive();
        assertThat(point.jdkType()).isFalse();
        assertThat(growth).filteredOn(g -> g.className().equals("java.util.HashMap$Node"))
                .singleElement().extracting(ClassGrowth::jdkType).isEqualTo(true);
        assertThat(series.liveBytesGrowth())
                .isEqualTo(recorded.get(3).histogram().totalBytes() - recorded.get(0).histogram().totalBytes())
                .isGreaterThan(point.bytesGrowth());
        assertThat(series.spanMillis()).isEqualTo(6_000);
    }

    @Test
    void culpritsCarryBytesAndInstancesGrowth() {
        HistogramSeries series = new HistogramSeries(recordedLeak(17));

        List<Culprit> culprits = series.growingClasses(3);

        assertThat(culprits).hasSize(3).allSatisfy(culprit -> {
            assertThat(culprit.kind()).isEqualTo(CulpritKind.CLASS);
            assertThat(culprit.growth()).isPositive();
        });
        assertThat(culprits).extracting(Culprit::name).isEqualTo(
                series.classGrowth(3).stream().map(ClassGrowth::className).toList());
    }

    @Test
    void classesThatStayFlatOrJumpOnceAreNotNamed() {
        HistogramSeries series = new HistogramSeries(List.of(
                timed(3, entry("com.example.Leak", 300), entry("com.example.Flat", 500), entry("com.example.Once", 900)),
                timed(1, entry("com.example.Leak", 100), entry("com.example.Flat", 500), entry("com.example.Once", 100)),
                timed(2, entry("com.example.Leak", 200), entry("com.example.Flat", 500), entry("com.example.Once", 900))));

        assertThat(series.classGrowth(10)).containsExactly(
                new ClassGrowth("com.example.Leak", 200, 20, 100, 300, false));
    }

    @Test
    void aClassMissingFromEarlyHistogramsCountsFromZero() {
        HistogramSeries series = new HistogramSeries(List.of(
                timed(1, entry("com.example.Other", 10)),
                timed(2, entry("com.example.New", 100)),
                timed(3, entry("com.example.New", 200))));

        assertThat(series.classGrowth(10)).containsExactly(
                new ClassGrowth("com.example.New", 200, 20, 0, 200, false));
    }

    @Test
    void fewerThanThreeHistogramsNameNothing() {
        HistogramSeries series = new HistogramSeries(List.of(
                timed(1, entry("com.example.Leak", 100)), timed(2, entry("com.example.Leak", 200))));

        assertThat(series.hasEnoughData()).isFalse();
        assertThat(series.classGrowth(10)).isEmpty();
        assertThat(series.liveBytesGrowth()).isEqualTo(100);
    }

    @Test
    void maxLimitsTheAnswer() {
        HistogramSeries series = new HistogramSeries(recordedLeak(25));

        assertThat(series.classGrowth(2)).hasSize(2);
        assertThat(series.classGrowth(0)).isEmpty();
        assertThatThrownBy(() -> series.classGrowth(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ClassHistogram.Entry entry(String name, long bytes) {
        return new ClassHistogram.Entry(name, bytes / 10, bytes);
    }

    private static TimedHistogram timed(long time, ClassHistogram.Entry... entries) {
        List<ClassHistogram.Entry> list = List.of(entries);
        return new TimedHistogram(time, new ClassHistogram(list,
                list.stream().mapToLong(ClassHistogram.Entry::instances).sum(),
                list.stream().mapToLong(ClassHistogram.Entry::bytes).sum()));
    }
}
