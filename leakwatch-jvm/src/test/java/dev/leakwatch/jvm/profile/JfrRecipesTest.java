package dev.leakwatch.jvm.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.leakwatch.core.pprof.ProfileBuilder;
import dev.leakwatch.core.pprof.proto.ProfileProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JFR-to-pprof recipes on a recorded recording ({@code profile-events.jfrdata}: a leak in
 * {@code Rec.retainEntry}, a CPU burner in {@code Rec.burnHot}, three threads contending in
 * {@code Rec.holdSharedLock}, one thread parking in a loop), and the reader on damaged copies.
 */
class JfrRecipesTest {
    private static final String RECORDING = "profile-events.jfrdata";

    @TempDir
    Path dir;

    @Test
    void cpuSamplesPutTheBurnerOnTop() throws IOException {
        ProfileProto.Profile p = profile(new CpuRecipe());

        assertThat(topLeaf(p, 1)).isEqualTo("Rec.burnHot");
        assertThat(p.getPeriod()).isEqualTo(10_000_000L);
        assertThat(p.getSampleList()).allSatisfy(s -> assertThat(s.getValue(1)).isEqualTo(s.getValue(0) * 10_000_000L));
    }

    @Test
    void oldObjectSamplesNameTheLeakingSite() throws IOException {
        ProfileProto.Profile p = profile(HeapRecipe.heap());

        assertThat(topLeaf(p, 3)).as("inuse_space").isEqualTo("Rec.retainEntry");
        assertThat(p.getStringTable((int) p.getDefaultSampleType())).isEqualTo("inuse_space");
        assertThat(p.getStringTableList()).contains("object", "byte[]");
    }

    @Test
    void allocsIsTheSameDataWithAllocSpaceByDefault() throws IOException {
        ProfileProto.Profile p = profile(HeapRecipe.allocs());

        assertThat(p.getStringTable((int) p.getDefaultSampleType())).isEqualTo("alloc_space");
        assertThat(p.getSampleList()).anySatisfy(s -> assertThat(s.getValue(1)).isPositive());
    }

    @Test
    void monitorWaitsMakeTheMutexProfile() throws IOException {
        ProfileProto.Profile mutex = profile(ContentionRecipe.mutex());
        ProfileProto.Profile block = profile(ContentionRecipe.block());

        assertThat(topLeaf(mutex, 1)).isEqualTo("Rec.holdSharedLock");
        assertThat(total(block, 0)).as("block adds parking").isGreaterThan(total(mutex, 0));
        assertThat(block.getStringTableList()).contains("lock", "java.lang.Object");
    }

    @Test
    void aFileThatIsNotARecordingIsAnIoError() throws IOException {
        Path file = Files.writeString(dir.resolve("not.jfr"), "hello");
        assertThatThrownBy(() -> JfrEvents.read(file, new CpuRecipe().eventTypes(), e -> {}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unreadable JFR recording");
    }

    @Test
    void damagedRecordingsNeverThrowAnythingButIoException() throws IOException {
        byte[] recorded = recording();
        Mutations mutations = new Mutations(42);
        HeapRecipe recipe = HeapRecipe.heap();
        for (int i = 0; i < 150; i++) {
            Path file = Files.write(dir.resolve("damaged-" + i + ".jfr"), mutations.mutate(recorded));
            ProfileBuilder profile = new ProfileBuilder(recipe.schema());
            Throwable thrown = catchThrowable(() -> JfrEvents.read(file, recipe.eventTypes(), e -> recipe.add(e, profile)));
            assertThat(thrown).as("mutation %d", i).satisfiesAnyOf(
                    t -> assertThat(t).isNull(),
                    t -> assertThat(t).isInstanceOf(IOException.class));
            Files.delete(file);
        }
    }

    private ProfileProto.Profile profile(JfrRecipe recipe) throws IOException {
        Path file = Files.write(dir.resolve("recording.jfr"), recording());
        ProfileBuilder profile = new ProfileBuilder(recipe.schema()).period(recipe.period());
        JfrEvents.read(file, recipe.eventTypes(), e -> recipe.add(e, profile));
        return profile.build();
    }

    private static byte[] recording() throws IOException {
        try (InputStream in = JfrRecipesTest.class.getResourceAsStream(RECORDING)) {
            assertThat(in).as(RECORDING).isNotNull();
            return in.readAllBytes();
        }
    }

    /** The leaf function with the largest total of one value: what {@code pprof -top} lists first. */
    private static String topLeaf(ProfileProto.Profile p, int valueIndex) {
        Map<Long, String> functionNames = new HashMap<>();
        p.getFunctionList().forEach(f -> functionNames.put(f.getId(), p.getStringTable((int) f.getName())));
        Map<Long, Long> locationFunction = new HashMap<>();
        p.getLocationList().forEach(l -> locationFunction.put(l.getId(), l.getLine(0).getFunctionId()));
        Map<String, Long> flat = new HashMap<>();
        for (ProfileProto.Sample s : p.getSampleList()) {
            String leaf = functionNames.get(locationFunction.get(s.getLocationId(0)));
            flat.merge(leaf, s.getValue(valueIndex), Long::sum);
        }
        return flat.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static long total(ProfileProto.Profile p, int valueIndex) {
        return p.getSampleList().stream().mapToLong(s -> s.getValue(valueIndex)).sum();
    }
}
