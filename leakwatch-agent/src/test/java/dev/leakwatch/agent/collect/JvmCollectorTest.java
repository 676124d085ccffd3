package dev.leakwatch.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.jvm.perfdata.JvmDiscovery;
import dev.leakwatch.jvm.perfdata.LocalJvm;
import dev.leakwatch.jvm.proc.ProcFs;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmCollectorTest {
    private static final ProcFs NO_PROC = ProcFs.of(Path.of("/nonexistent/proc"), Path.of("/nonexistent/sys"));

    static Path recorded(String name) {
        try {
            return Path.of(JvmCollectorTest.class.getResource("/jvm/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRecordedG1JvmRightAfterAFullGc() {
        LocalJvm jvm = new LocalJvm(4242, 4242, "app", recorded("jdk17-g1-after-full.hsperfdata"), false);
        RecordingSink s = new RecordingSink();
        new JvmCollector(() -> List.of(jvm), NO_PROC).collect(s);
        String l = "pid=\"4242\",process=\"RecFull\"";
        assertThat(s.value("jvm_memory_old_gen_after_gc_bytes{" + l + "}")).isEqualTo(7_657_360);
        assertThat(s.value("leakwatch_jvm_old_gen_after_gc_ratio{" + l + "}")).isCloseTo(7_657_360 / 134_217_736.0,
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.value("jvm_memory_max_bytes{area=\"heap\"," + l + "}")).isEqualTo(134_217_728);
        assertThat(s.value("jvm_threads_live{" + l + "}")).isEqualTo(6);
        assertThat(s.value("jvm_classes_currently_loaded{" + l + "}")).isEqualTo(552);
        assertThat(s.value("jvm_gc_collection_seconds_count{gc=\"G1 full collection pauses\"," + l + "}")).isEqualTo(1);
        assertThat(s.values().keySet()).anyMatch(k -> k.startsWith("jvm_gc_collection_seconds_sum{gc=\"G1 young"));
        assertThat(s.values().keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{area=\"heap\",") && k.contains("pool=\"old\""));
        assertThat(s.values().keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{area=\"nonheap\",") && k.contains("pool=\"metaspace\""));
        assertThat(s.values().keySet()).anyMatch(k -> k.startsWith("jvm_safepoints_total{"));
    }

    @Test
    void theLowerEnvelopeIsRepeatedUntilTheNextFullGcAndStateEndsWithTheJvm() {
        List<LocalJvm> alive = new ArrayList<>(List.of(
                new LocalJvm(7, 7, "app", recorded("jdk25-serial-after-full.hsperfdata"), false)));
        AtomicLong now = new AtomicLong(1_000_000);
        JvmCollector collector = new JvmCollector(() -> List.copyOf(alive), NO_PROC, now::get);
        RecordingSink first = new RecordingSink();
        collector.collect(first);
        assertThat(first.value("jvm_memory_old_gen_after_gc_bytes{pid=\"7\",process=\"RecFull\"}")).isEqualTo(7_831_600);
        assertThat(first.values().keySet()).noneMatch(k -> k.startsWith("leakwatch_jvm_full_gc_per_hour"));
        now.addAndGet(600_000);
        RecordingSink later = new RecordingSink();
        collector.collect(later);
        // Ten minutes of readings, no new full GC: zero an hour.
        assertThat(later.value("leakwatch_jvm_full_gc_per_hour{pid=\"7\",process=\"RecFull\"}")).isZero();
        assertThat(collector.trackedJvms()).isEqualTo(1);
        alive.clear();
        collector.collect(new RecordingSink());
        assertThat(collector.trackedJvms()).isZero();
    }

    @Test
    void aJvmInAContainerIsLabelledWithTheFullContainerId(@TempDir Path proc) throws Exception {
        String id = "2b7d6c5f4e3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a2918";
        Files.createDirectories(proc.resolve("4242"));
        Files.writeString(proc.resolve("4242/cgroup"),
                "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1f2e.slice/cri-containerd-" + id + ".scope\n");
        LocalJvm jvm = new LocalJvm(4242, 1, "app", recorded("jdk17-g1-after-full.hsperfdata"), true);
        RecordingSink s = new RecordingSink();

        new JvmCollector(() -> List.of(jvm), ProcFs.of(proc, proc.resolve("sys"))).collect(s);

        assertThat(s.value("jvm_threads_live{container=\"" + id + "\",pid=\"4242\",process=\"RecFull\"}")).isEqualTo(6);
    }

    @Test
    void anUnreadableJvmIsSkippedNotAFailure() {
        LocalJvm gone = new LocalJvm(9, 9, "app", Path.of("/nonexistent/hsperfdata_app/9"), false);
        RecordingSink s = new RecordingSink();
        new JvmCollector(() -> List.of(gone), NO_PROC).collect(s);
        assertThat(s.values()).isEmpty();
    }

    @Test
    void thisTestJvmFoundThroughRealDiscovery() {
        long self = ProcessHandle.current().pid();
        LocalJvm me = JvmDiscovery.system().find(self).orElseThrow(() ->
                new AssertionError("this JVM publishes no hsperfdata (-XX:-UsePerfData?)"));
        RecordingSink s = new RecordingSink();
        new JvmCollector(() -> List.of(me), ProcFs.system()).collect(s);
        assertThat(s.values().keySet()).anyMatch(k -> k.startsWith("jvm_threads_live{pid=\"" + self + "\""));
        assertThat(s.values().entrySet()).anyMatch(e -> e.getKey().startsWith("jvm_threads_live{") && e.getValue() >= 2);
    }

    @Test
    void aJvmsLabelsAreWorkedOutOnceNotEveryRound(@TempDir Path proc) throws Exception {
        String id = "2b7d6c5f4e3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a2918";
        Files.createDirectories(proc.resolve("4242"));
        Path cgroup = proc.resolve("4242/cgroup");
        Files.writeString(cgroup, "0::/system.slice/docker-" + id + ".scope\n");
        LocalJvm jvm = new LocalJvm(4242, 1, "app", recorded("jdk17-g1-after-full.hsperfdata"), true);
        JvmCollector collector = new JvmCollector(() -> List.of(jvm), ProcFs.of(proc, proc.resolve("sys")));
        collector.collect(new RecordingSink());
        Files.delete(cgroup);

        RecordingSink second = new RecordingSink();
        collector.collect(second);

        // The cgroup file was not read again: the same JVM keeps its container label.
        assertThat(second.value("jvm_threads_live{container=\"" + id + "\",pid=\"4242\",process=\"RecFull\"}")).isEqualTo(6);
    }

    @Test
    void aNewJvmUnderAReusedPidStartsAfresh() {
        List<LocalJvm> alive = new ArrayList<>(List.of(
                new LocalJvm(7, 7, "app", recorded("jdk25-serial-after-full.hsperfdata"), false)));
        AtomicLong now = new AtomicLong(1_000_000);
        JvmCollector collector = new JvmCollector(() -> List.copyOf(alive), NO_PROC, now::get);
        collector.collect(new RecordingSink());
        now.addAndGet(600_000);
        alive.set(0, new LocalJvm(7, 7, "app", recorded("jdk17-g1-after-full.hsperfdata"), false));

        RecordingSink reused = new RecordingSink();
        collector.collect(reused);

        // Its own lower envelope, and no full-GC rate yet: the first JVM's readings were dropped.
        assertThat(reused.value("jvm_memory_old_gen_after_gc_bytes{pid=\"7\",process=\"RecFull\"}")).isEqualTo(7_657_360);
        assertThat(reused.values().keySet()).noneMatch(k -> k.startsWith("leakwatch_jvm_full_gc_per_hour"));
        assertThat(collector.trackedJvms()).isEqualTo(1);
    }
}
