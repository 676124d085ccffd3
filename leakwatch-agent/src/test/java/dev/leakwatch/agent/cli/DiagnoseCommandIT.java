package dev.leakwatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.leakwatch.fixtures.FixtureCatalogue;
import dev.leakwatch.fixtures.FixtureProcess;
import dev.leakwatch.jvm.attach.JvmConnection;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code leakwatch diagnose} as a user meets it: exit codes, formats, odd targets, Ctrl-C. */
class DiagnoseCommandIT {
    private final List<Process> children = new ArrayList<>();
    private final List<FixtureProcess> fixtures = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        for (FixtureProcess f : fixtures) {
            f.close();
        }
    }

    @Test
    void missingPidIsAUsageErrorWithAOneLineCause() {
        Run run = run("diagnose", "999999999", "--duration", "10s", "--interval", "1s");
        assertThat(run.exit).isEqualTo(Main.EXIT_ERROR);
        assertThat(run.err.strip()).isEqualTo("leakwatch diagnose: no process with pid 999999999");
    }

    @Test
    void badOptionsAreRejectedBeforeWatching() {
        assertThat(run("diagnose", "1", "--duration", "ten").exit).isEqualTo(Main.EXIT_ERROR);
        Run tooFewSamples = run("diagnose", String.valueOf(ProcessHandle.current().pid()), "--duration", "10s",
                "--interval", "5s");
        assertThat(tooFewSamples.exit).isEqualTo(Main.EXIT_ERROR);
        assertThat(tooFewSamples.err).contains("fewer than 4 samples");
    }

    @Test
    void nonJvmProcessIsReadThroughProcAndNeverSignalled() throws Exception {
        Process sleeper = start(new ProcessBuilder("sleep", "300"));
        Run run = run("diagnose", String.valueOf(sleeper.pid()), "--duration", "10s", "--interval", "1s", "--format", "json");

        assertThat(run.exit).isEqualTo(Main.EXIT_OK);
        JsonNode json = JsonMapper.builder().build().readTree(run.out);
        assertThat(json.get("verdict").asText()).isEqualTo("no-leak");
        assertThat(json.get("reason").asText()).contains("not a HotSpot JVM");
        assertThat(json.at("/target/jvm").isMissingNode()).isTrue();
        assertThat(json.get("trends")).extracting(t -> t.get("resource").asText()).contains("native", "threads", "fds");
        assertThat(sleeper.isAlive()).as("SIGQUIT would have killed it").isTrue();
    }

    @Test
    void jvmRefusingAttachStillGetsProcVerdictsAndAReason() throws Exception {
        FixtureProcess target = fixture("FdLeakService", List.of("-XX:+DisableAttachMechanism"));
        Run run = run("diagnose", String.valueOf(target.pid()), "--duration", "20s", "--interval", "1s", "--format", "json");

        JsonNode json = JsonMapper.builder().build().readTree(run.out);
        assertThat(json.get("reason").asText()).contains("attach refused");
        assertThat(json.get("findings")).extracting(f -> f.get("resource").asText()).contains("fds");
        assertThat(run.exit).isEqualTo(Main.EXIT_LEAK);
        assertThat(target.isAlive()).isTrue();
    }

    @Test
    void processExitingDuringTheWindowIsInconclusiveWithWhatWasSeen() throws Exception {
        Process shortLived = start(new ProcessBuilder("sleep", "4"));
        Run run = run("diagnose", String.valueOf(shortLived.pid()), "--duration", "20s", "--interval", "1s", "--format", "json");

        assertThat(run.exit).isEqualTo(Main.EXIT_OK);
        JsonNode json = JsonMapper.builder().build().readTree(run.out);
        assertThat(json.get("verdict").asText()).isEqualTo("inconclusive");
        assertThat(json.get("reason").asText()).contains("process exited after");
        assertThat(json.at("/window/samples").asInt()).isBetween(2, 6);
    }

    @Test
    void htmlReportIsWrittenToTheOutputFile() throws Exception {
        FixtureProcess target = fixture("ThreadLeakService", List.of());
        Path report = dir.resolve("report.html");
        Run run = run("diagnose", String.valueOf(target.pid()), "--duration", "15s", "--interval", "1s", "--format", "html",
                "-o", report.toString());

        assertThat(run.exit).isEqualTo(Main.EXIT_LEAK);
        assertThat(run.out).isEmpty();
        String html = Files.readString(report);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("threads: <span class=\"sev-leak\">leak</span>")
                .contains("fetch-*").contains("<svg");
    }

    /** Ctrl-C: the jar is interrupted mid-window and leaves no recording or file behind in the target. */
    @Test
    void interruptedDiagnosisStopsItsRecordingInTheTarget() throws Exception {
        FixtureProcess target = fixture("HeapLeakService", List.of());
        Path jar = Path.of("target", "leakwatch.jar");
        Process diagnose = start(new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-jar",
                jar.toString(), "diagnose", String.valueOf(target.pid()), "--duration", "60s", "--interval", "1s")
                .redirectErrorStream(true));
        try (JvmConnection jvm = JvmConnection.open(target.pid())) {
            await().atMost(Duration.ofSeconds(40)).until(() -> jvm.diagnosticCommand("JFR.check").contains("leakwatch-oldobjects"));
            new ProcessBuilder("kill", "-INT", String.valueOf(diagnose.pid())).start().waitFor();
            assertThat(diagnose.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(diagnose.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(out).contains("interrupted");
            assertThat(diagnose.exitValue()).isNotZero();
            assertThat(jvm.diagnosticCommand("JFR.check")).doesNotContain("leakwatch-oldobjects");
            assertThat(leakwatchFilesIn(Path.of(System.getProperty("java.io.tmpdir")))).isEmpty();
        }
    }

    private static List<String> leakwatchFilesIn(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("leakwatch-oldobjects")).toList();
        }
    }

    private FixtureProcess fixture(String name, List<String> jvmArgs) throws IOException {
        FixtureCatalogue.Entry entry = FixtureCatalogue.byName(name);
        FixtureProcess f = FixtureProcess.start(entry, null, jvmArgs, entry.quickArgs());
        fixtures.add(f);
        return f;
    }

    private Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.redirectInput(new File("/dev/null")).start();
        children.add(p);
        return p;
    }

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
