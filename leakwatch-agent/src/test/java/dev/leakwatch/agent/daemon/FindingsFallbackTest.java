package dev.leakwatch.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakwatch.agent.config.ConfigLoader;
import dev.leakwatch.agent.findings.ProcessFindings;
import dev.leakwatch.agent.findings.WatchedProcess;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.DiagnosisJson;
import dev.leakwatch.core.model.Finding;
import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.model.Severity;
import dev.leakwatch.core.model.Target;
import dev.leakwatch.core.model.Unit;
import dev.leakwatch.core.model.Verdict;
import dev.leakwatch.core.model.Window;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a durable findings store (no SQLite native library, a data directory that cannot be
 * made) the agent runs on: findings live in memory, one warning says why, the metric says so.
 */
class FindingsFallbackTest {
    private static final Instant AT = Instant.parse("2026-11-27T10:02:00Z");

    @TempDir
    Path dir;

    private AgentDaemon daemon;
    private AdminComponent admin;
    private AgentDaemon.Context context;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Logger logger = Logger.getLogger(FindingsComponent.class.getName());
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(r.getMessage());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLog() {
        logger.addHandler(handler);
    }

    @AfterEach
    void stop() {
        logger.removeHandler(handler);
        if (daemon != null) {
            daemon.stop();
        }
    }

    private AgentDaemon.Builder builder(Path dataDir) throws Exception {
        return AgentDaemon.builder(ConfigLoader.parse(AgentYaml.loopback(dataDir) + """
                collectors:
                  host:
                    enabled: false
                """, "leakwatch.yml")).component(ctx -> {
                    context = ctx;
                    return admin = new AdminComponent(ctx);
                });
    }

    @Test
    void aMissingSqliteNativeLibraryLeavesTheAgentRunningWithFindingsInMemory() throws Exception {
        // What sqlite-jdbc throws on every attempt after the first where its native library is missing.
        daemon = builder(dir.resolve("data")).findingsOpener((dataDir, max, registry) -> {
            throw new UnsatisfiedLinkError("'void org.sqlite.core.NativeDB._open_utf8(byte[], int)'");
        }).build();
        daemon.start();

        assertThat(warnings).singleElement().asString()
                .startsWith("findings are kept in memory only and will not survive a restart: ")
                .contains("NativeDB._open_utf8");
        assertServedAndNotDurable();
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedLeavesTheAgentRunningWithFindingsInMemory() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        daemon = builder(notADirectory.resolve("data")).build();
        daemon.start();

        assertThat(warnings).singleElement().asString()
                .isEqualTo("findings are kept in memory only and will not survive a restart: data_dir: cannot create "
                        + notADirectory.resolve("data") + ": FileSystemException: " + notADirectory.resolve("data")
                        + ": Not a directory");
        assertServedAndNotDurable();
    }

    @Test
    void aFindingsFileThatCannotBeOpenedLeavesTheAgentRunningWithFindingsInMemory() throws Exception {
        Files.createDirectories(dir.resolve("data").resolve("findings.db"));
        daemon = builder(dir.resolve("data")).build();
        daemon.start();

        assertThat(warnings).singleElement().asString()
                .contains("will not survive a restart: " + dir.resolve("data").resolve("findings.db")
                        + ": cannot open the findings store");
        assertServedAndNotDurable();
    }

    private void assertServedAndNotDurable() throws Exception {
        assertThat(daemon.components()).contains("findings-store", "admin-server");
        ProcessFindings saved = new ProcessFindings(new WatchedProcess(4242, 777, "com.example.App"),
                new Diagnosis(Diagnosis.SCHEMA, new Target(4242, "java -jar app.jar", "17.0.15"),
                        new Window(AT.minusSeconds(120), AT, 24), Verdict.LEAK, null,
                        List.of(new Finding(Resource.THREADS, Severity.LEAK, 10, Unit.THREADS, 0.99, 4096L, 24_000L,
                                List.of(), List.of())), List.of(), List.of()),
                AT, AT);
        context.findings().save(saved);

        JsonNode served = DiagnosisJson.mapper().readTree(get("/api/v1/findings"));
        assertThat(served).hasSize(1);
        assertThat(served.get(0).path("target").path("pid").asLong()).isEqualTo(4242);
        assertThat(scrape()).contains("leakwatch_findings_durable 0.0", "leakwatch_findings_stored 1.0",
                "leakwatch_findings_max_entries 1000.0", "leakwatch_findings_errors_total{operation=\"open\"} 1.0");
        assertThat(warnings).as("one warning, at start").hasSize(1);
    }

    private String scrape() throws IOException, InterruptedException {
        URI uri = URI.create("http://" + daemon.metricsAddress() + "/metrics");
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + admin.address().getPort() + path);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
