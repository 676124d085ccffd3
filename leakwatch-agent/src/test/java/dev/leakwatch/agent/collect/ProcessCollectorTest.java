package dev.leakwatch.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.agent.config.WatchRule;
import dev.leakwatch.jvm.perfdata.JvmDiscovery;
import dev.leakwatch.jvm.perfdata.LocalJvm;
import dev.leakwatch.jvm.proc.ProcFs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On this machine's real /proc, with this test JVM as the watched process. */
class ProcessCollectorTest {
    private final long self = ProcessHandle.current().pid();
    private final ProcFs proc = ProcFs.system();

    @Test
    void aPidRuleReportsThatProcess() {
        RecordingSink s = new RecordingSink();
        new ProcessCollector(proc, List::of, false, List.of(new WatchRule.Pid(self))).collect(s);
        String l = "{pid=\"" + self + "\",process=\"java\"}";
        assertThat(s.value("process_resident_memory_bytes" + l)).isGreaterThan(10_000_000);
        assertThat(s.value("process_threads" + l)).isGreaterThanOrEqualTo(2);
        assertThat(s.value("process_open_fds" + l)).isGreaterThanOrEqualTo(3);
        assertThat(s.value("process_max_fds" + l)).isGreaterThanOrEqualTo(s.value("process_open_fds" + l));
        assertThat(s.value("process_cpu_seconds_total" + l)).isPositive();
        assertThat(s.value("process_start_time_seconds" + l)).isGreaterThan(1.6e9);
    }

    @Test
    void aRegexRuleScansEveryProcess() {
        RecordingSink s = new RecordingSink();
        new ProcessCollector(proc, List::of, false,
                List.of(new WatchRule.Regex(Pattern.compile("surefire|junit|java")))).collect(s);
        assertThat(s.values().keySet()).anyMatch(k -> k.startsWith("process_threads{pid=\"" + self + "\""));
    }

    @Test
    void allJvmsAreNamedByTheirMainClassOrJar() {
        LocalJvm me = JvmDiscovery.system().find(self).orElseThrow();
        RecordingSink s = new RecordingSink();
        new ProcessCollector(proc, () -> List.of(me), true, List.of()).collect(s);
        assertThat(s.values().keySet()).anyMatch(k -> k.startsWith("process_resident_memory_bytes{pid=\"" + self + "\"")
                && !k.contains("process=\"java\""));
    }

    @Test
    void aProcessThatIsGoneIsLeftOut() {
        RecordingSink s = new RecordingSink();
        new ProcessCollector(proc, List::of, false, List.of(new WatchRule.Pid(Integer.MAX_VALUE - 1))).collect(s);
        assertThat(s.values()).isEmpty();
    }

    @Test
    void processNamesOfJavaCommands() {
        assertThat(ProcessNames.fromJavaCommand(java.util.Optional.of("/opt/app/billing.jar"))).contains("billing.jar");
        assertThat(ProcessNames.fromJavaCommand(java.util.Optional.of("com.example.Main"))).contains("com.example.Main");
        assertThat(ProcessNames.fromJavaCommand(java.util.Optional.of("  "))).isEmpty();
    }

    @Test
    void aProcesssLabelsAreKeptWhileItLivesAndRedoneAfterAnExec(@TempDir Path root) throws Exception {
        String id = "2b7d6c5f4e3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a2918";
        Path pid = Files.createDirectories(root.resolve("4242"));
        Files.writeString(root.resolve("stat"), "btime 1700000000\n");
        Files.writeString(pid.resolve("stat"), statLine("sh"));
        Files.writeString(pid.resolve("status"), "Name:\tsh\nUid:\t0\t0\t0\t0\nVmRSS:\t  1024 kB\n");
        Files.write(pid.resolve("cmdline"), "sh\0".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(pid.resolve("cgroup"), "0::/system.slice/docker-" + id + ".scope\n");
        ProcessCollector collector = new ProcessCollector(ProcFs.of(root, root.resolve("sys")), List::of, false,
                List.of(new WatchRule.Pid(4242)));
        collector.collect(new RecordingSink());
        Files.delete(pid.resolve("cgroup"));

        RecordingSink same = new RecordingSink();
        collector.collect(same);
        assertThat(same.values()).containsKey("process_threads{container=\"" + id + "\",pid=\"4242\",process=\"sh\"}");

        Files.writeString(pid.resolve("stat"), statLine("java")); // exec: same pid and start, new comm
        RecordingSink afterExec = new RecordingSink();
        collector.collect(afterExec);
        assertThat(afterExec.values()).containsKey("process_threads{pid=\"4242\",process=\"java\"}");
        assertThat(collector.trackedProcesses()).isEqualTo(1);

        Files.delete(pid.resolve("stat")); // it exited: its labels go with it
        collector.collect(new RecordingSink());
        assertThat(collector.trackedProcesses()).isZero();
    }

    /** A stat line of pid 4242 as the kernel writes it (52 fields), 3 threads, started 5 s after boot. */
    private static String statLine(String comm) {
        return "4242 (" + comm + ") S 1 4242 4242 0 -1 4194304 97 0 0 0 10 5 0 0 20 0 3 0 500 3133440 414 "
                + "18446744073709551615 1 1 1 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 1 1 1 1 1 1 1 0\n";
    }
}
