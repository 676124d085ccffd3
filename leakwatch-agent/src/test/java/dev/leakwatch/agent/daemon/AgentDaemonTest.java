package dev.leakwatch.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.leakwatch.agent.config.AgentConfig;
import dev.leakwatch.agent.config.ConfigLoader;
import dev.leakwatch.agent.findings.ProcessFindings;
import dev.leakwatch.agent.findings.WatchedProcess;
import dev.leakwatch.agent.lifecycle.Component;
import dev.leakwatch.agent.lifecycle.StopReport;
import dev.leakwatch.agent.watch.LeakWatch;
import dev.leakwatch.core.model.Culprit;
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
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentDaemonTest {
    @TempDir
    Path dir;

    private AgentDaemon daemon;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.stop();
        }
    }

    private Path config(String extra) throws IOException {
        return Files.writeString(dir.resolve("leakwatch.yml"), AgentYaml.loopback(dir.resolve("data")) + """
                collectors:
                  host:
                    interval: 1s
                  self:
                    interval: 1s
                %s
                """.formatted(extra));
    }

    private String scrape() throws IOException, InterruptedException {
        URI uri = URI.create("http://" + daemon.metricsAddress() + "/metrics");
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void startsCollectsServesAndStopsInReverseOrder() throws Exception {
        Path file = config("");
        List<String> extraEvents = new CopyOnWriteArrayList<>();
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        daemon = AgentDaemon.builder(ConfigLoader.load(file)).configFile(file).component(ctx -> new Component() {
            @Override
            public String name() {
                return "leak-watch";
            }

            @Override
            public void start() {
                extraEvents.add("start with store of " + ctx.store().limits().maxSeries());
            }

            @Override
            public void stop() {
                extraEvents.add("stop");
            }
        }).build();
        daemon.start();
        assertThat(Files.isDirectory(dir.resolve("data"))).isTrue();
        assertThat(daemon.components()).containsExactly("findings-store", "store", "collectors", "metrics-server",
                "leak-watch");
        await().atMost(20, TimeUnit.SECONDS).until(daemon::ready);
        // Every thread the agent started carries the prefix (taken before this test's HTTP client starts its own).
        // Awaitility's own poller may still be finishing the await above; it is the test's thread, not the agent's.
        Set<String> started = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t))
                .map(Thread::getName).filter(name -> !name.startsWith("awaitility")).collect(Collectors.toSet());
        assertThat(started).isNotEmpty().allSatisfy(name -> assertThat(name).as("thread %s", name).startsWith("leakwatch-"));
        assertThat(started).contains("leakwatch-metrics-http-accept", "leakwatch-collect-timer");
        String text = scrape();
        assertThat(text).contains("node_load1 ").contains("node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"}")
                .contains("leakwatch_agent_heap_after_gc_bytes").contains("leakwatch_collector_success{collector=\"cpu\"} 1.0")
                .contains("leakwatch_store_series ").contains("leakwatch_config_last_reload_successful 1.0");
        StopReport report = daemon.stop();
        assertThat(report.order()).containsExactly("leak-watch", "metrics-server", "collectors", "store", "findings-store");
        assertThat(report.clean()).isTrue();
        assertThat(extraEvents).containsExactly("start with store of 100000", "stop");
    }

    @Test
    void reloadAppliesAGoodFileAndRejectsABadOneKeepingTheOld() throws Exception {
        Path file = config("");
        daemon = AgentDaemon.builder(ConfigLoader.load(file)).configFile(file).build();
        daemon.start();
        Files.writeString(file, Files.readString(file).replace("interval: 1s\n  self:", "interval: 1s\n    enabled: false\n  self:")
                + "store:\n  max_series: 5000\n");
        ReloadResult good = daemon.reload();
        assertThat(good.applied()).as(good.describe()).isTrue();
        assertThat(daemon.store().limits().maxSeries()).isEqualTo(5000);
        assertThat(daemon.config().collectors().host().schedule().enabled()).isFalse();

        Files.writeString(file, "store:\n  max_series: -1\n  bogus: 1\n");
        ReloadResult bad = daemon.reload();
        assertThat(bad.applied()).isFalse();
        assertThat(bad.errors()).hasSize(2);
        assertThat(bad.describe()).contains("leakwatch.yml:2:15: store.max_series").contains("store.bogus");
        assertThat(daemon.store().limits().maxSeries()).isEqualTo(5000);
        await().atMost(20, TimeUnit.SECONDS).until(daemon::ready);
        assertThat(scrape()).contains("leakwatch_config_last_reload_successful 0.0")
                .contains("leakwatch_collector_success{collector=\"self\"} 1.0");
    }

    @Test
    void reloadChangesTheLeakWatchAndABadLeakWatchValueKeepsTheOldSettingsRunning() throws Exception {
        String watchSection = "leak_watch:\n  interval: 1h\n  window: 1h\n  capture:\n    enabled: false\n";
        Path file = config(watchSection);
        LeakWatch[] watch = new LeakWatch[1];
        daemon = AgentDaemon.builder(ConfigLoader.load(file)).configFile(file)
                .component(ctx -> watch[0] = new LeakWatch(ctx, ctx.findings())).build();
        daemon.start();
        // The first evaluation runs at once, the next only in an hour.
        await().atMost(20, TimeUnit.SECONDS).until(() -> leakWatchRuns() == 1);

        Files.writeString(file, Files.readString(file).replace("interval: 1h", "interval: 1s"));
        ReloadResult faster = daemon.reload();
        assertThat(faster.applied()).as(faster.describe()).isTrue();
        assertThat(watch[0].settings().interval()).isEqualTo(Duration.ofSeconds(1));
        await().atMost(20, TimeUnit.SECONDS).until(() -> leakWatchRuns() >= 3);

        String good = Files.readString(file);
        Files.writeString(file, good.replace("interval: 1s\n  window", "interval: 500ms\n  window"));
        ReloadResult bad = daemon.reload();
        assertThat(bad.applied()).isFalse();
        assertThat(bad.describe()).contains("leakwatch.yml:13:13: leak_watch.interval: must be at least 1s, got 500ms");
        assertThat(watch[0].settings().interval()).as("the old settings stay").isEqualTo(Duration.ofSeconds(1));
        double runs = leakWatchRuns();
        await().atMost(20, TimeUnit.SECONDS).until(() -> leakWatchRuns() >= runs + 2);

        Files.writeString(file, good.replace("leak_watch:\n", "leak_watch:\n  enabled: false\n"));
        assertThat(daemon.reload().applied()).isTrue();
        assertThat(scrape()).contains("leakwatch_leak_watch_enabled 0.0").doesNotContain("leakwatch_leak_suspected{");
        double stopped = leakWatchRuns();
        await().during(3, TimeUnit.SECONDS).atMost(10, TimeUnit.SECONDS).until(() -> leakWatchRuns() == stopped);

        Files.writeString(file, good);
        assertThat(daemon.reload().applied()).isTrue();
        await().atMost(20, TimeUnit.SECONDS).until(() -> leakWatchRuns() >= stopped + 2);
        assertThat(scrape()).contains("leakwatch_leak_watch_enabled 1.0", "leakwatch_config_last_reload_successful 1.0");
    }

    private double leakWatchRuns() throws IOException, InterruptedException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^leakwatch_leak_watch_runs_total (\\S+)$")
                .matcher(scrape());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    void adminListenerServesReloadWithItsErrorsAndThePprofIndex() throws Exception {
        Path file = config("");
        AdminComponent[] admin = new AdminComponent[1];
        daemon = AgentDaemon.builder(ConfigLoader.load(file)).configFile(file)
                .component(ctx -> admin[0] = new AdminComponent(ctx)).build();
        daemon.start();
        String base = "http://127.0.0.1:" + admin[0].address().getPort();
        URI uri = URI.create(base + "/-/reload");
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).startsWith("configuration reloaded");
        Files.writeString(file, "shutdown_timeout: soon\n");
        HttpResponse<String> rejected = http.send(HttpRequest.newBuilder(uri)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).contains("leakwatch.yml:1:19: shutdown_timeout: expected a duration");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create(base + "/debug/pprof/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("goroutine", "heap", "profile");
        assertThat(scrape()).as("nothing under /debug on the metrics listener").doesNotContain("pprof");
    }

    @Test
    void findingsSavedBeforeARestartAreServedAfterIt() throws Exception {
        Path file = config("");
        ProcessFindings saved = new ProcessFindings(new WatchedProcess(4242, 777, "com.example.App"),
                new Diagnosis(Diagnosis.SCHEMA, new Target(4242, "java -jar app.jar", "17.0.15"),
                        new Window(Instant.parse("2026-11-27T10:00:00Z"), Instant.parse("2026-11-27T10:02:00Z"), 24),
                        Verdict.LEAK, null, List.of(new Finding(Resource.THREADS, Severity.LEAK, 10, Unit.THREADS, 0.99,
                                4096L, 24_000L, List.of(Culprit.ofThreads("fetch-*", 120, 100, "WAITING",
                                        List.of("com.example.Fetcher.run(Fetcher.java:31)"))), List.of())),
                        List.of(), List.of()),
                Instant.parse("2026-11-27T10:02:00Z"), Instant.parse("2026-11-27T10:02:00.5Z"));
        AgentDaemon.Context[] context = new AgentDaemon.Context[1];
        AdminComponent[] admin = new AdminComponent[1];
        daemon = AgentDaemon.builder(ConfigLoader.load(file)).component(ctx -> {
            context[0] = ctx;
            return admin[0] = new AdminComponent(ctx);
        }).build();
        assertThatThrownBy(() -> context[0].findings().all()).hasMessageContaining("not open");
        daemon.start();
        context[0].findings().save(saved);
        assertThat(served(admin[0])).containsExactly(4242L);
        assertThat(scrape()).contains("leakwatch_findings_durable 1.0", "leakwatch_findings_stored 1.0",
                "leakwatch_findings_evicted_total 0.0");
        daemon.stop();
        assertThat(dir.resolve("data").resolve("findings.db")).exists();

        daemon = AgentDaemon.builder(ConfigLoader.load(file)).component(ctx -> {
            context[0] = ctx;
            return admin[0] = new AdminComponent(ctx);
        }).build();
        daemon.start();
        String body = get(admin[0], "/api/v1/findings?pid=4242");
        JsonNode doc = DiagnosisJson.mapper().readTree(body).get(0);
        assertThat(DiagnosisJson.read(doc.toString())).isEqualTo(saved.diagnosis());
        assertThat(doc.path("updated").asText()).isEqualTo("2026-11-27T10:02:00.500Z");
        assertThat(context[0].findings().find(saved.process())).contains(saved);
    }

    private List<Long> served(AdminComponent admin) throws Exception {
        List<Long> pids = new java.util.ArrayList<>();
        for (JsonNode doc : DiagnosisJson.mapper().readTree(get(admin, "/api/v1/findings"))) {
            pids.add(doc.path("target").path("pid").asLong());
        }
        return pids;
    }

    private String get(AdminComponent admin, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + admin.address().getPort() + path);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void aListenerThatCannotBindFailsTheStartAndStopsTheRest() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            AgentConfig c = ConfigLoader.parse("listeners:\n  metrics:\n    address: 127.0.0.1:" + taken.getLocalPort()
                    + "\ndata_dir: " + dir.resolve("d") + "\n", "t.yml");
            daemon = AgentDaemon.builder(c).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(daemon::start)
                    .hasMessageContaining("cannot start metrics-server")
                    .hasMessageContaining("listeners.metrics.address: cannot listen on 127.0.0.1:" + taken.getLocalPort());
            assertThat(daemon.ready()).isFalse();
        }
    }

    @Test
    void withoutAConfigFileThereIsNothingToReload() throws Exception {
        daemon = AgentDaemon.builder(ConfigLoader.parse("listeners:\n  metrics:\n    address: 127.0.0.1:0\ndata_dir: "
                + dir.resolve("d") + "\n", "t.yml")).build();
        assertThat(daemon.reload().describe()).contains("embedded defaults");
    }
}
