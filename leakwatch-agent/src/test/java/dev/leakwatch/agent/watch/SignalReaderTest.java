package dev.leakwatch.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.leakwatch.agent.findings.MemoryFindingsRepository;
import dev.leakwatch.agent.store.Labels;
import dev.leakwatch.core.model.Resource;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SignalReaderTest {
    private final WatchHarness h = new WatchHarness(WatchHarness.defaults(), new MemoryFindingsRepository(1),
            (pid, d) -> {
                throw new AssertionError("not used");
            });

    private Map<Long, ProcessSignals> read() {
        List<ProcessSignals> all = new SignalReader(h.store, WatchHarness.SELF_PID).read();
        return all.stream().collect(Collectors.toMap(ProcessSignals::pid, Function.identity()));
    }

    @Test
    void aJvmHasHeapThreadsFdsAndMetaspaceWithTheirLimitsButNoNativeSignal() {
        Labels jvm = Labels.of("pid", "100", "process", "Billing", "container", "abc123");
        long t = WatchHarness.T0;
        h.write("jvm_memory_old_gen_after_gc_bytes", jvm, 50e6, t);
        h.write("jvm_memory_max_bytes", jvm.with("area", "heap"), 256e6, t);
        h.write("jvm_threads_live", jvm, 30, t);
        h.write("process_threads", jvm, 41, t);
        h.write("process_open_fds", jvm, 60, t);
        h.write("process_max_fds", jvm, 4096, t);
        h.write("process_resident_memory_bytes", jvm, 300e6, t);
        h.write("jvm_memory_used_bytes", jvm.with("area", "nonheap").with("pool", "metaspace"), 20e6, t);
        // hsperfdata's "unlimited" metaspace maximum
        h.write("jvm_memory_max_bytes", jvm.with("area", "nonheap").with("pool", "metaspace"), 1.8e19, t);
        h.write("jvm_memory_used_bytes", jvm.with("area", "heap").with("pool", "old"), 90e6, t);

        ProcessSignals p = read().get(100L);
        assertThat(p.name()).isEqualTo("Billing");
        assertThat(p.jvm()).isTrue();
        assertThat(p.signals()).containsOnlyKeys(Resource.HEAP, Resource.THREADS, Resource.FDS, Resource.METASPACE);
        assertThat(p.signals().get(Resource.HEAP).limit()).isEqualTo(OptionalDouble.of(256e6));
        assertThat(p.signals().get(Resource.THREADS).readings()).singleElement()
                .satisfies(s -> assertThat(s.value()).as("the JVM's own count").isEqualTo(30));
        assertThat(p.signals().get(Resource.FDS).limit()).isEqualTo(OptionalDouble.of(4096));
        assertThat(p.signals().get(Resource.METASPACE).limit()).isEmpty();
    }

    @Test
    void aProcessThatIsNotAJvmIsWatchedThroughItsResidentMemoryThreadsAndFds() {
        Labels nginx = Labels.of("pid", "200", "process", "nginx");
        h.write("process_resident_memory_bytes", nginx, 10e6, WatchHarness.T0);
        h.write("process_threads", nginx, 4, WatchHarness.T0);
        h.write("process_open_fds", nginx, 12, WatchHarness.T0);

        ProcessSignals p = read().get(200L);
        assertThat(p.jvm()).isFalse();
        assertThat(p.signals()).containsOnlyKeys(Resource.NATIVE, Resource.THREADS, Resource.FDS);
    }

    @Test
    void theAgentIsReadFromItsOwnSeriesNotFromItsPidLabelledOnes() {
        h.write("jvm_threads_live", Labels.of("pid", Long.toString(WatchHarness.SELF_PID), "process", "leakwatch.jar"),
                25, WatchHarness.T0);
        h.write("leakwatch_agent_threads", Labels.EMPTY, 25, WatchHarness.T0);
        h.write("leakwatch_agent_open_fds", Labels.EMPTY, 30, WatchHarness.T0);
        h.write("jvm_threads_live", Labels.of("pid", "not-a-pid", "process", "x"), 1, WatchHarness.T0);

        Map<Long, ProcessSignals> read = read();
        assertThat(read).containsOnlyKeys(WatchHarness.SELF_PID);
        ProcessSignals self = read.get(WatchHarness.SELF_PID);
        assertThat(self.self()).isTrue();
        assertThat(self.name()).isEqualTo("leakwatch");
        assertThat(self.signals()).containsOnlyKeys(Resource.THREADS, Resource.FDS);
    }

    @Test
    void aG1JvmsHeapIsTheOldGenerationFloorSinceItsConcurrentCycles() {
        Labels jvm = Labels.of("pid", "300", "process", "Orders");
        Labels old = jvm.with("area", "heap").with("pool", "old");
        Labels concurrent = jvm.with("gc", "G1 concurrent cycle pauses");
        Labels full = jvm.with("gc", "G1 full collection pauses");
        double[] oldUsed = {40e6, 80e6, 120e6, 70e6, 90e6, 110e6, 130e6, 75e6};
        int[] pauses = {0, 0, 0, 2, 2, 2, 2, 4};
        for (int i = 0; i < oldUsed.length; i++) {
            long t = WatchHarness.T0 + i * WatchHarness.STEP.toMillis();
            h.write("jvm_memory_used_bytes", old, oldUsed[i], t);
            h.write("jvm_gc_collection_seconds_count", concurrent, pauses[i], t);
            h.write("jvm_gc_collection_seconds_count", full, 0, t);
            h.write("jvm_gc_collection_seconds_count", jvm.with("gc", "G1 young collection pauses"), 3 * i, t);
            // A value left from a full collection long ago: not the signal of a G1 JVM.
            h.write("jvm_memory_old_gen_after_gc_bytes", jvm, 30e6, t);
        }
        h.write("jvm_memory_max_bytes", jvm.with("area", "heap"), 256e6, WatchHarness.T0);

        Signal heap = read().get(300L).signals().get(Resource.HEAP);

        assertThat(heap.g1Floor()).isTrue();
        assertThat(heap.limit()).isEqualTo(OptionalDouble.of(256e6));
        assertThat(heap.readings()).extracting(s -> s.value())
                .containsExactly(40e6, 70e6, 70e6, 70e6, 70e6, 70e6, 70e6, 70e6);
    }

    @Test
    void aJvmWithoutG1KeepsTheOldGenerationAfterItsLastFullCollection() {
        Labels jvm = Labels.of("pid", "400", "process", "Batch");
        for (int i = 0; i < 4; i++) {
            long t = WatchHarness.T0 + i * WatchHarness.STEP.toMillis();
            h.write("jvm_memory_used_bytes", jvm.with("area", "heap").with("pool", "old"), 90e6 + i, t);
            h.write("jvm_gc_collection_seconds_count", jvm.with("gc", "Parallel young collection pauses"), i, t);
            h.write("jvm_gc_collection_seconds_count", jvm.with("gc", "Parallel full collection pauses"), i / 2, t);
            h.write("jvm_memory_old_gen_after_gc_bytes", jvm, 50e6 + i, t);
        }

        Signal heap = read().get(400L).signals().get(Resource.HEAP);

        assertThat(heap.g1Floor()).isFalse();
        assertThat(heap.readings()).extracting(s -> s.value()).containsExactly(50e6, 50e6 + 1, 50e6 + 2, 50e6 + 3);
    }

    @Test
    void aG1JvmWithoutACycleYetHasNoHeapSignal() {
        Labels jvm = Labels.of("pid", "500", "process", "Young");
        for (int i = 0; i < 4; i++) {
            long t = WatchHarness.T0 + i * WatchHarness.STEP.toMillis();
            h.write("jvm_memory_used_bytes", jvm.with("area", "heap").with("pool", "old"), 10e6 * (i + 1), t);
            h.write("jvm_gc_collection_seconds_count", jvm.with("gc", "G1 concurrent cycle pauses"), 0, t);
            h.write("jvm_threads_live", jvm, 12, t);
        }

        assertThat(read().get(500L).signals()).containsOnlyKeys(Resource.THREADS);
    }

    @Test
    void theAgentsHeapKeepsOneReadingPerCollectionAndSwingsByItsSurvivorSpaces() {
        // Read every second, changed by two young collections: five values in nine readings.
        double[] values = {80_856, 80_856, 80_856, 97_240, 97_240, 97_240, 97_240, 90_000, 90_000};
        for (int i = 0; i < values.length; i++) {
            h.write("leakwatch_agent_heap_after_gc_bytes", Labels.EMPTY, values[i], WatchHarness.T0 + i * 1_000L);
            h.write("leakwatch_agent_threads", Labels.EMPTY, 20, WatchHarness.T0 + i * 1_000L);
        }

        ProcessSignals self = new SignalReader(h.store, WatchHarness.SELF_PID, 800_000).read().get(0);
        assertThat(self.signals().get(Resource.HEAP).swing()).as("the survivor spaces").isEqualTo(800_000);
        assertThat(self.signals().get(Resource.THREADS).swing()).isZero();
        assertThat(self.signals().get(Resource.HEAP).readings())
                .extracting(s -> (s.timeMillis() - WatchHarness.T0) / 1_000, s -> s.value())
                .containsExactly(tuple(0L, 80_856.0), tuple(3L, 97_240.0), tuple(7L, 90_000.0), tuple(8L, 90_000.0));
        assertThat(self.signals().get(Resource.THREADS).readings()).as("counts are observations every time").hasSize(9);
    }
}
