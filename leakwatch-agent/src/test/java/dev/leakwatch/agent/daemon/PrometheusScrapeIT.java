package dev.leakwatch.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakwatch.agent.metrics.ExternalTools;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (on 127.0.0.1, a free port, temporary storage) scrapes the real agent; the
 * series arrive, the alert rules load, and promtool accepts the agent's /metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusScrapeIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private AgentProcess agent;
    private Process prometheus;
    private String prometheusUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        Path prometheusBinary = ExternalTools.require("prometheus");
        Path config = Files.writeString(dir.resolve("leakwatch.yml"), AgentYaml.loopback(dir.resolve("data")) + """
                collectors:
                  host:
                    interval: 1s
                  jvms:
                    interval: 1s
                  processes:
                    interval: 1s
                """);
        agent = AgentProcess.start(config, dir);
        String target = agent.metricsAddress();

        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Path rules = ExternalTools.deployPrometheus().resolve("leakwatch-alerts.yml");
        Path promConfig = Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: leakwatch
                    static_configs:
                      - targets: ['%s']
                """.formatted(rules, target));
        prometheus = new ProcessBuilder(prometheusBinary.toString(), "--config.file=" + promConfig,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        prometheusUrl = "http://127.0.0.1:" + port;
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (agent != null) {
            agent.close();
        }
    }

    /** The result vector of an instant query. */
    private JsonNode query(String promql) throws IOException, InterruptedException {
        URI uri = URI.create(prometheusUrl + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IOException("query " + promql + " failed: " + r.body());
        }
        return body.path("data").path("result");
    }

    private boolean answers(String promql) {
        try {
            return query(promql).size() > 0;
        } catch (IOException e) {
            return false; // Prometheus still starting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String log() throws IOException {
        return Files.readString(dir.resolve("prometheus.log"));
    }

    @Test
    void prometheusScrapesHostAndJvmSeries() throws Exception {
        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500))
                .until(() -> answers("up{job=\"leakwatch\"} == 1"));
        assertThat(query("up{job=\"leakwatch\"}").get(0).path("value").get(1).asText()).isEqualTo("1");
        await().atMost(30, TimeUnit.SECONDS).until(() -> answers("node_load1{job=\"leakwatch\"}"));
        // The agent is itself a JVM, so at least one JVM is always there to find.
        await().atMost(30, TimeUnit.SECONDS).until(() -> answers("jvm_threads_live{process=\"leakwatch.jar\"}"));
        assertThat(query("jvm_memory_used_bytes{area=\"heap\",pool=\"old\"}").size()).isPositive();
        assertThat(query("jvm_gc_collection_seconds_count").size()).isPositive();
        assertThat(query("leakwatch_collector_success == 0")).as("no failing collector").isEmpty();
        assertThat(log()).doesNotContain("level=error");
    }

    @Test
    void theAlertRulesLoadIntoPrometheus() throws Exception {
        await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).until(() -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(prometheusUrl + "/api/v1/rules"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().contains("LeakSuspected");
            } catch (IOException e) {
                return false;
            }
        });
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(prometheusUrl + "/api/v1/rules")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode groups = JSON.readTree(r.body()).path("data").path("groups");
        List<String> names = java.util.stream.StreamSupport.stream(groups.spliterator(), false)
                .flatMap(g -> java.util.stream.StreamSupport.stream(g.path("rules").spliterator(), false))
                .map(rule -> rule.path("name").asText()).collect(Collectors.toList());
        assertThat(names).contains("LeakSuspected", "JvmOldGenAfterGcHigh", "JvmFrequentFullGc",
                "LeakwatchDroppingSeries");
    }

    @Test
    void promtoolAcceptsTheAgentsMetrics() throws Exception {
        await().atMost(60, TimeUnit.SECONDS).until(() -> agent.get("/metrics").body().contains("jvm_threads_live"));
        String text = agent.get("/metrics").body();
        ExternalTools.Result r = ExternalTools.run(List.of(ExternalTools.require("promtool").toString(), "check",
                "metrics"), text, dir);
        assertThat(r.exit()).as("1 means a parse error: %s", r.output()).isNotEqualTo(1);
        // node_exporter's meminfo names are camelCase by contract (dashboards use them); nothing else may fail lint.
        List<String> problems = r.output().lines().filter(l -> !l.isBlank())
                .filter(l -> !(l.startsWith("node_memory_") && l.contains("camelCase"))).toList();
        assertThat(problems).as("promtool check metrics").isEmpty();
    }
}
