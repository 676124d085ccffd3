package dev.leakwatch.javaagent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.jvm.profile.GoPprof;
import dev.leakwatch.javaagent.apps.DemoApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every profile type, served by the agent from inside a plain application and judged by
 * {@code go tool pprof}; the trace by the JDK's {@code jfr} tool.
 */
class JavaagentProfilesIT {
    private static final String APP = DemoApp.class.getName();

    @TempDir
    Path dir;

    private AgentApp app;

    @AfterEach
    void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void cpuProfileHasTheHotMethodOnTop() throws Exception {
        app = AgentApp.start(dir, "port=0", APP, "cpu");
        Path profile = app.download("/debug/pprof/profile?seconds=3", dir.resolve("cpu.pb.gz"));

        assertThat(GoPprof.topFunctions(profile)).as(GoPprof.top(profile)).first().isEqualTo(APP + ".burnHot");
    }

    @Test
    void allocsProfileIsLedByTheAllocatingMethod() throws Exception {
        app = AgentApp.start(dir, "port=0", APP, "allocs");
        Path profile = app.download("/debug/pprof/allocs?seconds=3", dir.resolve("allocs.pb.gz"));

        assertThat(GoPprof.topFunctions(profile)).as(GoPprof.top(profile)).first().isEqualTo(APP + ".allocateChunks");
    }

    @Test
    void goroutineProfileShowsFiftyParkedThreadsAsOneStack() throws Exception {
        app = AgentApp.start(dir, "port=0", APP, "threads");
        Path profile = app.download("/debug/pprof/goroutine", dir.resolve("goroutine.pb.gz"));

        GoPprof.Raw raw = GoPprof.raw(profile);
        assertThat(raw.samples()).filteredOn(s -> s.functions().contains(APP + ".waitParked"))
                .singleElement()
                .satisfies(s -> assertThat(s.value(raw.index("goroutine"))).isEqualTo(DemoApp.PARKED_THREADS));
        String grouped = new String(app.get("/debug/pprof/goroutine?debug=1", null).body(), StandardCharsets.UTF_8);
        assertThat(grouped).containsPattern("(?m)^50 @ WAITING: parked-");
    }

    @Test
    void heapProfileNamesTheRetainingAllocationSite() throws Exception {
        app = AgentApp.start(dir, "port=0", APP, "leak");
        Path profile = app.download("/debug/pprof/heap?seconds=8&gc=1", dir.resolve("heap.pb.gz"));

        assertThat(GoPprof.topFunctions(profile)).as(GoPprof.top(profile)).first().isEqualTo(APP + ".retainEntry");
    }

    @Test
    void mutexAndBlockProfilesShowTheContendedMonitor() throws Exception {
        app = AgentApp.start(dir, "port=0", APP, "contention");
        Path mutex = app.download("/debug/pprof/mutex?seconds=3", dir.resolve("mutex.pb.gz"));
        Path block = app.download("/debug/pprof/block?seconds=3", dir.resolve("block.pb.gz"));

        assertThat(GoPprof.topFunctions(mutex)).as(GoPprof.top(mutex)).first().isEqualTo(APP + ".holdSharedLock");
        assertThat(GoPprof.topFunctions(block)).as(GoPprof.top(block)).contains(APP + ".holdSharedLock");
    }

    @Test
    void traceIsAJfrRecordingTheJfrToolSummarizes() throws Exception {
        app = AgentApp.start(dir, "port=0", APP, "cpu");
        Path trace = app.download("/debug/pprof/trace?seconds=2", dir.resolve("trace.jfr"));

        Process summary = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jfr").toString(),
                "summary", trace.toString()).redirectErrorStream(true).start();
        String out = new String(summary.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(summary.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(summary.exitValue()).as(out).isZero();
        assertThat(out).contains("jdk.ExecutionSample");
    }
}
