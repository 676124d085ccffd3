package dev.leakwatch.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as a real process: ordered stop on SIGTERM under load, reload on SIGHUP. */
class AgentProcessIT {
    @TempDir
    Path dir;

    private AgentProcess agent;
    private final AtomicBoolean loadRunning = new AtomicBoolean(true);
    private final List<Thread> load = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException {
        loadRunning.set(false);
        for (Thread t : load) {
            t.join(10_000);
        }
        if (agent != null) {
            agent.close();
        }
    }

    private Path config(String shutdownTimeout, String extra) throws IOException {
        return Files.writeString(dir.resolve("leakwatch.yml"), AgentYaml.loopback(dir.resolve("data")) + """
                shutdown_timeout: %s
                collectors:
                  host:
                    interval: 200ms
                  self:
                    interval: 200ms
                %s""".formatted(shutdownTimeout, extra));
    }

    @Test
    void sigtermUnderLoadStopsInOrderWithinTheDeadline() throws Exception {
        agent = AgentProcess.start(config("5s", ""), dir);
        agent.awaitLog("leakwatch agent running", Duration.ofSeconds(60));
        AtomicInteger scrapes = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            Thread t = new Thread(() -> {
                while (loadRunning.get()) {
                    try {
                        if (agent.get("/metrics").statusCode() == 200) {
                            scrapes.incrementAndGet();
                        }
                    } catch (IOException e) {
                        return; // the agent went away: the load is over
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "test-scraper-" + i);
            load.add(t);
            t.start();
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> scrapes.get() >= 20);

        long t0 = System.nanoTime();
        agent.signal("TERM");
        int exit = agent.awaitExit(Duration.ofSeconds(30));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        // A JVM ends with 128 + 15 after running its shutdown hooks on SIGTERM.
        assertThat(exit).as("exit status; log:\n%s", String.join("\n", agent.log())).isEqualTo(143);
        assertThat(took).isLessThan(Duration.ofSeconds(5 + 5));
        List<String> stops = agent.log().stream().filter(l -> l.contains("lifecycle: stopping ")).map(l ->
                l.substring(l.indexOf("stopping ") + "stopping ".length())).toList();
        assertThat(stops).containsExactly("7 components, deadline 5000 ms", "sighup-reload", "leak-watch",
                "admin-server", "metrics-server", "collectors", "store", "findings-store");
        String done = agent.awaitLog("stopped all components in", Duration.ofSeconds(5));
        Matcher m = Pattern.compile("stopped all components in (\\d+) ms$").matcher(done);
        assertThat(m.find()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isLessThan(5_000);
        assertThat(agent.log()).noneMatch(l -> l.contains("overran") || l.contains("ERROR"));
    }

    @Test
    void sighupReloadsAGoodFileAndRejectsABadOne() throws Exception {
        Path file = config("10s", "");
        agent = AgentProcess.start(file, dir);
        agent.awaitLog("leakwatch agent running", Duration.ofSeconds(60));
        assertThat(agent.get("/metrics").body()).contains("leakwatch_collector_success{collector=\"cpu\"}");

        Files.writeString(file, Files.readString(file).replace("interval: 200ms\n  self:",
                "interval: 200ms\n    enabled: false\n  self:"));
        agent.signal("HUP");
        agent.awaitLog("configuration reloaded", Duration.ofSeconds(30));
        // The host collectors are gone; their success gauges stay at their last value, but the store
        // no longer receives host series after the reload.
        assertThat(agent.log()).anyMatch(l -> l.contains("configuration reloaded; collectors [self, processes, jvms]"));

        Files.writeString(file, "store:\n  max_series: many\n");
        agent.signal("HUP");
        String rejected = agent.awaitLog("configuration rejected", Duration.ofSeconds(30));
        assertThat(rejected).contains("leakwatch.yml:2:15: store.max_series: expected an integer, got \"many\"");
        assertThat(agent.get("/-/healthy").statusCode()).isEqualTo(200);
        assertThat(agent.get("/metrics").body()).contains("leakwatch_config_last_reload_successful 0.0")
                .contains("leakwatch_agent_threads");
        agent.signal("TERM");
        assertThat(agent.awaitExit(Duration.ofSeconds(30))).isEqualTo(143);
    }
}
