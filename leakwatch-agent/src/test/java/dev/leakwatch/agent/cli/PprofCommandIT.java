package dev.leakwatch.agent.cli;

import dev.leakwatch.jvm.profile.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.jvm.profile.GoPprof;
import dev.leakwatch.agent.admin.ProfiledApp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code leakwatch pprof} against a real JVM, its output read by {@code go tool pprof}. */
class PprofCommandIT {
    @TempDir
    Path dir;

    private ChildJvm child;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void startTarget() throws Exception {
        child = ChildJvm.start(ProfiledApp.class, dir);
    }

    @AfterEach
    void stopTarget() {
        child.close();
    }

    @Test
    void writesACpuProfileWithTheHotMethodOnTop() throws Exception {
        Path file = dir.resolve("cpu.pb.gz");

        int exit = run("pprof", Long.toString(child.pid()), "--type", "cpu", "--seconds", "3", "-o", file.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("wrote cpu profile of pid " + child.pid());
        assertThat(GoPprof.topFunctions(file)).as(GoPprof.top(file)).first().isEqualTo(ProfiledApp.class.getName() + ".burnHot");
        try (var files = Files.list(dir)) {
            assertThat(files).noneMatch(f -> f.getFileName().toString().endsWith(".tmp"));
        }
    }

    @Test
    void writesAThreadProfileWithParkedThreadsMerged() throws Exception {
        Path file = dir.resolve("threads.pb.gz");

        int exit = run("pprof", Long.toString(child.pid()), "--type", "threads", "-o", file.toString());

        assertThat(exit).as(err.toString()).isZero();
        GoPprof.Raw raw = GoPprof.raw(file);
        assertThat(raw.samples()).filteredOn(s -> s.functions().contains(ProfiledApp.class.getName() + ".waitParked"))
                .singleElement()
                .satisfies(s -> assertThat(s.value(raw.index("goroutine"))).isEqualTo(ProfiledApp.PARKED));
    }

    @Test
    void badArgumentsExitWith2AndAOneLineCause() throws Exception {
        Path file = dir.resolve("never.pb.gz");
        String pid = Long.toString(child.pid());

        assertThat(run("pprof", pid, "--type", "wall", "-o", file.toString())).isEqualTo(Main.EXIT_ERROR);
        assertThat(err.toString()).contains("unknown profile type 'wall'");
        assertThat(run("pprof", pid, "--type", "cpu", "--seconds", "500", "-o", file.toString())).isEqualTo(Main.EXIT_ERROR);
        assertThat(err.toString()).contains("--seconds must be from 1 to 120");
        assertThat(run("pprof", pid, "--type", "cpu")).isEqualTo(Main.EXIT_ERROR);
        assertThat(file).doesNotExist();
    }

    @Test
    void aPidWithoutAJvmExitsWith2AndLeavesNoFile() {
        Path file = dir.resolve("never.pb.gz");
        long unused = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1) + 100_000;

        assertThat(run("pprof", Long.toString(unused), "--type", "heap", "--seconds", "1", "-o", file.toString()))
                .isEqualTo(Main.EXIT_ERROR);
        assertThat(err.toString()).startsWith("leakwatch: ");
        assertThat(file).doesNotExist();
    }

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
