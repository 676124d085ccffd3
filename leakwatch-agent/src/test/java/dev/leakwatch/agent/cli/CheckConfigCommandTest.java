package dev.leakwatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckConfigCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aValidFileIsOkWithExitZero() throws IOException {
        Path file = Files.writeString(dir.resolve("ok.yml"), "store:\n  max_series: 1000\n");
        assertThat(run("check-config", file.toString())).isZero();
        assertThat(out.toString()).isEqualTo(file + ": OK\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void everyErrorIsPrintedWithItsPositionAndExitTwo() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yml"), """
                store:
                  max_series: lots
                collectors:
                  hots:
                    interval: 5s
                """);
        assertThat(run("check-config", file.toString())).isEqualTo(2);
        assertThat(err.toString().split("\n")).containsExactly(
                file + ":2:15: store.max_series: expected an integer, got \"lots\"",
                file + ":4:3: collectors.hots: unknown setting (known here: host, jvms, processes, self)",
                "2 errors");
    }

    @Test
    void theAgentRefusesABadFileWithTheSameErrors() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yml"), "shutdown_timeout: 0s\n");
        assertThat(run("agent", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("bad.yml:1:19: shutdown_timeout: must be at least 100ms, got 0s");
    }

    @Test
    void helpListsTheCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("agent").contains("check-config");
        assertThat(run("check-config")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter");
    }
}
