package dev.leakwatch.core.metaspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.CulpritKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassLoaderStatsSeriesTest {

    /** Three snapshots recorded 2 s apart from a JVM that keeps every plugin loader it creates. */
    private static List<TimedClassLoaderStats> recordedLeak(int jdk) {
        List<TimedClassLoaderStats> series = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String text = ClassLoaderStatsParserTest.read("metaspace/jdk" + jdk + "-loader-leak-" + i + ".txt");
            series.add(new TimedClassLoaderStats(i * 2_000L, ClassLoaderStatsParser.parse(text)));
        }
        return series;
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void theLeakingLoaderTypeIsNamedFirst(int jdk) {
        List<TimedClassLoaderStats> recorded = recordedLeak(jdk);

        List<LoaderTypeGrowth> growth = new ClassLoaderStatsSeries(recorded).loaderTypeGrowth(5);

        assertThat(growth).isNotEmpty();
        LoaderTypeGrowth top = growth.get(0);
        assertThat(top.loaderType()).isEqualTo("java.net.URLClassLoader");
        ClassLoaderStats.TypeStats first = recorded.get(0).stats().byLoaderType().get("java.net.URLClassLoader");
        ClassLoaderStats.TypeStats last = recorded.get(2).stats().byLoaderType().get("java.net.URLClassLoader");
        assertThat(top.instancesGrowth()).isEqualTo(last.instances() - first.instances()).isPositive();
        assertThat(top.classesGrowth()).isEqualTo(last.classes() - first.classes()).isPositive();
        assertThat(top.chunkBytesGrowth()).isPositive();
        assertThat(top.lastInstances()).isEqualTo(last.instances());
    }

    @Test
    void culpritsAreClassLoaderKind() {
        List<Culprit> culprits = new ClassLoaderStatsSeries(recordedLeak(17)).growingLoaderTypes(1);

        assertThat(culprits).singleElement().satisfies(culprit -> {
            assertThat(culprit.kind()).isEqualTo(CulpritKind.CLASS_LOADER);
            assertThat(culprit.name()).isEqualTo("java.net.URLClassLoader");
            assertThat(culprit.growth()).isPositive();
            assertThat(culprit.instancesGrowth()).isPositive();
        });
    }

    @Test
    void twoSnapshotsAreEnoughButOneIsNot() {
        List<TimedClassLoaderStats> recorded = recordedLeak(25);

        assertThat(new ClassLoaderStatsSeries(recorded.subList(0, 1)).loaderTypeGrowth(5)).isEmpty();
        assertThat(new ClassLoaderStatsSeries(List.of(recorded.get(2), recorded.get(0))).loaderTypeGrowth(5))
                .extracting(LoaderTypeGrowth::loaderType).startsWith("java.net.URLClassLoader");
    }

    @Test
    void loadersThatComeAndGoAreNotNamed() {
        ClassLoaderStatsSeries series = new ClassLoaderStatsSeries(List.of(
                snapshot(1, 3), snapshot(2, 8), snapshot(3, 2), snapshot(4, 9)));

        assertThat(series.loaderTypeGrowth(5)).isEmpty();
    }

    private static TimedClassLoaderStats snapshot(long time, int scriptLoaders) {
        List<ClassLoaderStats.Loader> loaders = new ArrayList<>();
        for (int i = 0; i < scriptLoaders; i++) {
            loaders.add(new ClassLoaderStats.Loader("com.example.ScriptLoader", 4, 4096, 2048, 0, 0, 0));
        }
        return new TimedClassLoaderStats(time,
                new ClassLoaderStats(loaders, scriptLoaders, 4L * scriptLoaders, 4096L * scriptLoaders, 2048L * scriptLoaders));
    }
}
