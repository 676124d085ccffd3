package dev.leakwatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.leakwatch.jvm.perfdata.JvmDiscovery;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code leakwatch ps} over fixture /proc and /tmp trees. */
class PsCommandTest {
    @TempDir
    Path root;
    private Path proc;
    private Path tmp;

    @BeforeEach
    void setUp() throws IOException {
        proc = Files.createDirectories(root.resolve("proc"));
        tmp = Files.createDirectories(root.resolve("tmp"));
        process(10, "big", 300_000, 4, "big\0--flag\0", 3);
        process(11, "small", 1_000, 1, "small\0", 1);
        process(12, "kworker", -1, 1, "", -1); // a kernel thread: no RSS, no command line, fds not ours
        process(13, "java", 2_000, 9, "java\0-Xmx1g\0Main\0", 5);
        Path perf = Files.createDirectories(tmp.resolve("hsperfdata_app"));
        Files.write(perf.resolve("13"), new byte[] {1, 2, 3}); // a JVM whose counters are unreadable
        Files.write(Files.createDirectories(proc.resolve("notapid")).resolve("status"), new byte[0]);
    }

    @Test
    void showsJvmsAndTheTopProcessesByRss() throws IOException {
        List<PsRow> rows = command("--top", "1").rows();

        assertThat(rows).extracting(PsRow::pid).containsExactly(10L, 13L);
        PsRow big = rows.get(0);
        assertThat(big.rssBytes()).isEqualTo(300_000L * 1024);
        assertThat(big.threads()).isEqualTo(4);
        assertThat(big.fds()).isEqualTo(3);
        assertThat(big.command()).isEqualTo("big --flag");
        assertThat(big.jvm()).isEmpty();
        assertThat(rows.get(1).jvm()).hasValueSatisfying(j -> assertThat(j.error()).isPresent());
    }

    @Test
    void allShowsEveryProcessLargestFirst() throws IOException {
        List<PsRow> rows = command("--all").rows();

        assertThat(rows).extracting(PsRow::pid).containsExactly(10L, 13L, 11L, 12L);
        PsRow kernelThread = rows.get(3);
        assertThat(kernelThread.command()).isEqualTo("[kworker]");
        assertThat(kernelThread.rssBytes()).isZero();
        assertThat(kernelThread.fds()).isEqualTo(-1);
    }

    @Test
    void topZeroShowsOnlyJvms() throws IOException {
        assertThat(command("--top", "0").rows()).extracting(PsRow::pid).containsExactly(13L);
    }

    @Test
    void printsATextTable() {
        String out = run("--top", "1");

        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).startsWith("PID").contains("RSS", "THR", "FDS", "HEAP AFTER GC / MAX", "JVM", "COMMAND");
        assertThat(lines.get(1)).startsWith("10 ").contains("293.0M", "big --flag");
        assertThat(lines.get(2)).startsWith("13 ").contains("2.0M", " ? ", "java -Xmx1g Main");
        assertThat(lines).hasSize(3);
    }

    @Test
    void printsJson() throws IOException {
        JsonNode json = JsonMapper.builder().build().readTree(run("--all", "--format", "json"));

        JsonNode processes = json.get("processes");
        assertThat(processes).hasSize(4);
        JsonNode big = processes.get(0);
        assertThat(big.get("pid").asLong()).isEqualTo(10);
        assertThat(big.get("rssBytes").asLong()).isEqualTo(300_000L * 1024);
        assertThat(big.get("fds").asInt()).isEqualTo(3);
        assertThat(big.has("jvm")).isFalse();
        JsonNode jvm = processes.get(1).get("jvm");
        assertThat(jvm.get("error").asText()).isNotEmpty();
        assertThat(jvm.get("heapMaxBytes").isNull()).isTrue();
        assertThat(processes.get(3).get("fds").isNull()).isTrue();
    }

    @Test
    void rejectsANegativeTop() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));

        assertThat(cli.execute("ps", "--top", "-1")).isEqualTo(Main.EXIT_ERROR);
        assertThat(err.toString()).contains("--top must be 0 or more");
    }

    private PsCommand command(String... args) {
        PsCommand command = new PsCommand(new PsProcReader(proc), new JvmDiscovery(proc, tmp));
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new PsCommand(new PsProcReader(proc), new JvmDiscovery(proc, tmp)));
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(args)).isEqualTo(Main.EXIT_OK);
        return out.toString();
    }

    private void process(long pid, String name, long rssKib, int threads, String cmdline, int fds) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        List<String> status = new ArrayList<>(List.of("Name:\t" + name, "State:\tS (sleeping)"));
        if (rssKib >= 0) {
            status.add("VmRSS:\t  " + rssKib + " kB");
        }
        status.add("Threads:\t" + threads);
        Files.write(dir.resolve("status"), status);
        Files.writeString(dir.resolve("cmdline"), cmdline);
        if (fds >= 0) {
            Path fd = Files.createDirectories(dir.resolve("fd"));
            for (int i = 0; i < fds; i++) {
                Files.createFile(fd.resolve(Integer.toString(i)));
            }
        }
    }
}
