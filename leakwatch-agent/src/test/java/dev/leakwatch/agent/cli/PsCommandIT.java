package dev.leakwatch.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code leakwatch ps} lists a real child JVM with the heap maximum it was given. */
class PsCommandIT {
    private static final long MIB = 1024 * 1024;
    private Process child;

    @BeforeEach
    void startChild() throws Exception {
        Path testClasses = Path.of(PsTestChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx48m", "-XX:+UseSerialGC", "-cp", testClasses.toString(), PsTestChild.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).startsWith("ready"); // the child prints it at once, or dies and gives null
    }

    @AfterEach
    void stopChild() throws InterruptedException {
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void jsonShowsTheChildsHeapMaxAndVersion() {
        JsonNode row = await().atMost(Duration.ofSeconds(30)).until(() -> rowOf(child.pid()), Optional::isPresent).orElseThrow();

        JsonNode jvm = row.get("jvm");
        assertThat(jvm.get("heapMaxBytes").asLong()).isEqualTo(48 * MIB);
        assertThat(jvm.get("vmVersion").asText()).isEqualTo(System.getProperty("java.vm.version"));
        assertThat(jvm.get("heapAfterGcBytes").asLong()).isBetween(0L, 48 * MIB);
        assertThat(row.get("rssBytes").asLong()).isPositive();
        assertThat(row.get("threads").asInt()).isPositive();
        assertThat(row.get("fds").asInt()).isPositive();
        assertThat(row.get("command").asText()).contains("-Xmx48m", PsTestChild.class.getName());
    }

    @Test
    void theRealJarPrintsTheChildInItsTable() throws Exception {
        Path jar = Path.of("target", "leakwatch.jar");
        Process ps = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-jar", jar.toString(), "ps", "--top", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ps.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(ps.exitValue()).isZero();
        assertThat(out.lines().filter(l -> l.startsWith(child.pid() + " ")))
                .singleElement().asString().contains("/48.0M", System.getProperty("java.version"));
    }

    private static Optional<JsonNode> rowOf(long pid) throws IOException {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("ps", "--format", "json", "--top", "0")).isEqualTo(Main.EXIT_OK);
        JsonNode processes = JsonMapper.builder().build().readTree(out.toString()).get("processes");
        return StreamSupport.stream(processes.spliterator(), false)
                .filter(p -> p.get("pid").asLong() == pid && p.has("jvm")).findFirst();
    }
}
