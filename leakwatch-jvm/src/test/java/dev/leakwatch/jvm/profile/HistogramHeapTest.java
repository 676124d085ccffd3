package dev.leakwatch.jvm.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.core.heap.ClassHistogramParser;
import dev.leakwatch.core.pprof.ProfileSchema;
import dev.leakwatch.core.pprof.proto.ProfileProto;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HistogramHeapTest {

    @Test
    void aRecordedHistogramBecomesAHeapProfileWithClassesAsFrames() throws IOException {
        ProfileProto.Profile p = HistogramHeap.profile(ClassHistogramParser.parse(resource("class-histogram-jdk17.txt"))).build();

        assertThat(p.getSampleTypeCount()).isEqualTo(ProfileSchema.HEAP_INUSE.sampleTypes().size());
        assertThat(p.getSampleCount()).isEqualTo(701);
        assertThat(p.getSampleList().stream().mapToLong(s -> s.getValue(1)).sum()).isEqualTo(2842576);
        ProfileProto.Sample first = p.getSample(0);
        assertThat(first.getLocationIdCount()).isOne();
        assertThat(first.getValueList()).containsExactly(13043L, 794776L);
        assertThat(p.getStringTableList()).contains("byte[]", "java.lang.invoke.LambdaForm$Name[]");
    }

    @Test
    void aLiveJvmsHistogramComesThroughItsDiagnosticCommandMBean() throws IOException {
        ProfileProto.Profile p = HistogramHeap.profile(ManagementFactory.getPlatformMBeanServer()).build();

        assertThat(p.getStringTableList()).contains("java.lang.String", "byte[]", HistogramHeapTest.class.getName());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HistogramHeapTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
