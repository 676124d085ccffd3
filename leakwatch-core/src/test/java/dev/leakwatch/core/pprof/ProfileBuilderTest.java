package dev.leakwatch.core.pprof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.core.pprof.proto.ProfileProto;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ProfileBuilderTest {
    private static final StackFrame PARK = new StackFrame("java.util.concurrent.locks.LockSupport.park", "LockSupport.java", 211);
    private static final StackFrame WORKER = new StackFrame("com.example.Worker.run", "Worker.java", 31);
    private static final StackFrame MAIN = new StackFrame("com.example.Main.main", "Main.java", 12);

    @Test
    void stringTableStartsEmptyAndIdsCountFromOne() throws IOException {
        ProfileProto.Profile p = roundTrip(new ProfileBuilder(ProfileSchema.GOROUTINE).addSample(List.of(PARK, WORKER), 1));

        assertThat(p.getStringTable(0)).isEmpty();
        assertThat(p.getFunctionList()).extracting(ProfileProto.Function::getId).containsExactly(1L, 2L);
        assertThat(p.getLocationList()).extracting(ProfileProto.Location::getId).containsExactly(1L, 2L);
        assertThat(p.getSample(0).getLocationIdList()).containsExactly(1L, 2L);
        assertThat(p.getMappingList()).singleElement().satisfies(m -> {
            assertThat(m.getId()).isEqualTo(1L);
            assertThat(m.getHasFunctions()).isTrue();
        });
    }

    @Test
    void identicalStacksMergeIntoOneSampleWithSummedValues() throws IOException {
        ProfileBuilder b = new ProfileBuilder(ProfileSchema.GOROUTINE);
        for (int i = 0; i < 50; i++) {
            b.addSample(List.of(PARK, WORKER), 1);
        }
        b.addSample(List.of(MAIN), 1);

        ProfileProto.Profile p = roundTrip(b);

        assertThat(p.getSampleCount()).isEqualTo(2);
        assertThat(p.getSample(0).getValueList()).containsExactly(50L);
        assertThat(p.getSample(1).getValueList()).containsExactly(1L);
        assertThat(p.getFunctionCount()).isEqualTo(3);
    }

    @Test
    void stringsFunctionsAndLocationsAreInterned() throws IOException {
        StackFrame workerOtherLine = new StackFrame(WORKER.function(), WORKER.file(), 40);
        ProfileBuilder b = new ProfileBuilder(ProfileSchema.CPU).period(10_000_000);
        b.addSample(List.of(WORKER, MAIN), 1, 10_000_000);
        b.addSample(List.of(workerOtherLine, MAIN), 1, 10_000_000);

        ProfileProto.Profile p = roundTrip(b);

        assertThat(p.getFunctionCount()).as("one function per method").isEqualTo(2);
        assertThat(p.getLocationCount()).as("one location per line").isEqualTo(3);
        assertThat(p.getStringTableList()).doesNotHaveDuplicates();
        assertThat(p.getPeriod()).isEqualTo(10_000_000L);
        assertThat(name(p, p.getPeriodType().getType())).isEqualTo("cpu");
        assertThat(name(p, p.getPeriodType().getUnit())).isEqualTo("nanoseconds");
    }

    @Test
    void sampleTypesFollowGoConventions() throws IOException {
        ProfileProto.Profile heap = roundTrip(new ProfileBuilder(ProfileSchema.HEAP));
        ProfileProto.Profile allocs = roundTrip(new ProfileBuilder(ProfileSchema.ALLOCS));

        assertThat(heap.getSampleTypeList()).extracting(t -> name(heap, t.getType()) + "/" + name(heap, t.getUnit()))
                .containsExactly("alloc_objects/count", "alloc_space/bytes", "inuse_objects/count", "inuse_space/bytes");
        assertThat(name(heap, heap.getDefaultSampleType())).isEqualTo("inuse_space");
        assertThat(name(allocs, allocs.getDefaultSampleType())).isEqualTo("alloc_space");
    }

    @Test
    void labelsKeepSamplesApart() throws IOException {
        ProfileBuilder b = new ProfileBuilder(ProfileSchema.HEAP_INUSE);
        b.addSample(List.of(WORKER), List.of(Label.of("object", "byte[]")), 1, 1024);
        b.addSample(List.of(WORKER), List.of(Label.of("object", "java.lang.String")), 1, 24);
        b.addSample(List.of(WORKER), List.of(Label.numeric("bytes", 24, "bytes")), 1, 24);

        ProfileProto.Profile p = roundTrip(b);

        assertThat(p.getSampleCount()).isEqualTo(3);
        assertThat(name(p, p.getSample(0).getLabel(0).getStr())).isEqualTo("byte[]");
        assertThat(p.getSample(2).getLabel(0).getNum()).isEqualTo(24L);
        assertThat(name(p, p.getSample(2).getLabel(0).getNumUnit())).isEqualTo("bytes");
    }

    @Test
    void wrongNumberOfValuesIsRejected() {
        ProfileBuilder b = new ProfileBuilder(ProfileSchema.CPU);
        assertThatThrownBy(() -> b.addSample(List.of(MAIN), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 2 values");
    }

    @Test
    void schemaRejectsAnUnknownDefault() {
        assertThatThrownBy(() -> new ProfileSchema(
                        List.of(new ValueType("samples", "count")), new ValueType("cpu", "nanoseconds"), "cpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cpu'");
    }

    @Test
    void nativeFramesGetLineZero() {
        StackFrame f = StackFrame.of(new StackTraceElement("java.lang.Object", "wait", null, -2));
        assertThat(f).isEqualTo(new StackFrame("java.lang.Object.wait", "", 0));
    }

    private static ProfileProto.Profile roundTrip(ProfileBuilder b) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b.toGzip()))) {
            return ProfileProto.Profile.parseFrom(in);
        }
    }

    private static String name(ProfileProto.Profile p, long index) {
        return p.getStringTable((int) index);
    }
}
