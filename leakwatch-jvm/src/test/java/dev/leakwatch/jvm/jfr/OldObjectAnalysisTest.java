package dev.leakwatch.jvm.jfr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.core.model.Culprit;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Against recordings of the {@code MetricCacheLeak} test app (a static HashMap of MetricPoints that is
 * never cleared), dumped with paths to GC roots on JDK 17 and JDK 25.
 */
class OldObjectAnalysisTest {

    static final String APP = "dev.leakwatch.jvm.attach.testapps.";
    static final String LEAKING_METHOD = APP + "MetricCacheLeak.record(MetricCacheLeak.java:";
    static final String STATIC_ROOT = "static " + APP + "MetricCacheLeak.cache";

    @TempDir
    Path dir;

    static Path recording(int jdk) {
        try {
            return Path.of(OldObjectAnalysisTest.class.getResource("/jfr/metric-cache-leak-jdk" + jdk + ".jfr").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void theLeakingClassIsTracedToItsAllocatingMethodAndStaticRoot(int jdk) throws IOException {
        OldObjectAnalysis analysis = OldObjectAnalysis.analyze(recording(jdk));

        Culprit culprit = analysis.attribute(Culprit.ofClass(APP + "MetricPoint", 1_000, 10));

        assertThat(culprit.allocationSite()).startsWith(LEAKING_METHOD).endsWith(")");
        assertThat(culprit.gcRootPath()).startsWith(STATIC_ROOT, "java.util.HashMap.table", "java.util.HashMap$Node[]")
                .endsWith(APP + "MetricPoint");
        assertThat(culprit.name()).isEqualTo(APP + "MetricPoint");
        assertThat(culprit.growth()).isEqualTo(1_000);
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void aJdkTypeIsAttributedToTheApplicationCodeThatAllocatesAndHoldsIt(int jdk) throws IOException {
        OldObjectAnalysis analysis = OldObjectAnalysis.analyze(recording(jdk));

        Culprit bytes = analysis.attribute(Culprit.ofClass("byte[]", 1_000, 10));
        Culprit nodes = analysis.attribute(Culprit.ofClass("java.util.HashMap$Node", 1_000, 10));

        assertThat(bytes.allocationSite()).startsWith(APP + "MetricPoint.<init>(MetricPoint.java:");
        assertThat(bytes.gcRootPath()).startsWith(STATIC_ROOT).contains(APP + "MetricPoint.labels").endsWith("byte[]");
        assertThat(nodes.allocationSite()).startsWith(LEAKING_METHOD);
        assertThat(nodes.gcRootPath()).startsWith(STATIC_ROOT).endsWith("java.util.HashMap$Node");
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 25})
    void typesAreSummarisedMostSamplesFirst(int jdk) throws IOException {
        OldObjectAnalysis analysis = OldObjectAnalysis.analyze(recording(jdk));

        List<SampledType> types = analysis.types();

        assertThat(types).isNotEmpty().isSortedAccordingTo((a, b) -> Integer.compare(b.samples(), a.samples()));
        assertThat(types.stream().mapToInt(SampledType::samples).sum()).isEqualTo(analysis.sampleCount());
        assertThat(types).extracting(SampledType::className).doesNotHaveDuplicates()
                .noneMatch(name -> name.startsWith("[") || name.contains("/"));
        assertThat(analysis.type("byte[]")).isPresent();
    }

    @Test
    void culpritsTheSamplesKnowNothingAboutAreLeftAsTheyAre() throws IOException {
        OldObjectAnalysis analysis = OldObjectAnalysis.analyze(recording(25));

        Culprit unknown = Culprit.ofClass("com.example.Unrelated", 10, 1);
        Culprit threads = Culprit.ofThreads("worker-*", 10, 5, "WAITING", List.of("com.example.Worker.run(Worker.java:3)"));

        assertThat(analysis.attribute(unknown)).isEqualTo(unknown);
        assertThat(analysis.attribute(threads)).isEqualTo(threads);
    }

    @Test
    void aHolderIsTracedToTheCallerOfTheConstructorThatAllocatedTheSample() {
        OldObjectSample buffer = new OldObjectSample("byte[]",
                List.of(new OldObjectSample.Frame("com.example.Session", "<init>", "com.example.Session.<init>(Session.java:9)"),
                        new OldObjectSample.Frame("com.example.Handler", "open", "com.example.Handler.open(Handler.java:21)")),
                List.of(new OldObjectSample.PathStep("GC root: Stack Variable (Threads): Thread Name: worker-1", null),
                        new OldObjectSample.PathStep("java.lang.Thread.threadLocals", "java.lang.Thread"),
                        new OldObjectSample.PathStep("java.lang.ThreadLocal$ThreadLocalMap.table",
                                "java.lang.ThreadLocal$ThreadLocalMap"),
                        new OldObjectSample.PathStep("com.example.Session.buffer", "com.example.Session"),
                        new OldObjectSample.PathStep("byte[]", "byte[]")));
        OldObjectAnalysis analysis = new OldObjectAnalysis(List.of(buffer));

        Culprit session = analysis.attribute(Culprit.ofClass("com.example.Session", 100, 1));
        Culprit bytes = analysis.attribute(Culprit.ofClass("byte[]", 100, 1));

        assertThat(session.allocationSite()).isEqualTo("com.example.Handler.open(Handler.java:21)");
        assertThat(session.gcRootPath()).containsExactly("GC root: Stack Variable (Threads): Thread Name: worker-1",
                "java.lang.Thread.threadLocals", "java.lang.ThreadLocal$ThreadLocalMap.table", "com.example.Session");
        assertThat(bytes.allocationSite()).isEqualTo("com.example.Session.<init>(Session.java:9)");
        assertThat(bytes.gcRootPath()).hasSize(5).endsWith("com.example.Session.buffer", "byte[]");
        assertThat(analysis.attributeAll(List.of(bytes, session))).containsExactly(bytes, session);
    }

    @Test
    void framesPrintLikeStackTraces() {
        assertThat(OldObjectSampleReader.format("com.example.Outer$Inner", "put", 42))
                .isEqualTo("com.example.Outer$Inner.put(Outer.java:42)");
        assertThat(OldObjectSampleReader.format("Main", "<init>", -1)).isEqualTo("Main.<init>(Main.java)");
    }

    @Test
    void aFileThatIsNotJfrIsAnIoError() throws IOException {
        Path text = Files.writeString(dir.resolve("not.jfr"), "not a flight recording");

        assertThatThrownBy(() -> OldObjectAnalysis.analyze(text)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> OldObjectAnalysis.analyze(dir.resolve("missing.jfr"))).isInstanceOf(IOException.class);
    }
}
