package dev.leakwatch.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.agent.config.WatchRule;
import dev.leakwatch.jvm.perfdata.JvmDiscovery;
import dev.leakwatch.jvm.perfdata.LocalJvm;
import dev.leakwatch.jvm.proc.ProcFs;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

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
}
