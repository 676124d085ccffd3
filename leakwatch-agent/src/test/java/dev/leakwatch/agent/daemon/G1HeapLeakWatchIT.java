package dev.leakwatch.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.DiagnosisJson;
import dev.leakwatch.core.model.Resource;
import dev.leakwatch.fixtures.FixtureCatalogue;
import dev.leakwatch.fixtures.FixtureProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leak watch's heap signal on real G1 JVMs (G1 rarely collects fully, so the old generation
 * after a full collection says nothing for minutes): a JVM leaking 60 MB/min on a 256 MB heap is
 * flagged (metric, log line and {@code /api/v1/findings}), a JVM holding a large constant live set
 * next to it, whose concurrent cycles run all along, has heap verdicts and is not. Collectors run
 * every second and the watch every two, as in {@link LeakWatchIT}.
 */
class G1HeapLeakWatchIT {
    private static final List<String> G1 = List.of("-XX:+UseG1GC");

    @TempDir
    Path dir;

    private AgentProcess agent;
    private FixtureProcess leaky;
    private FixtureProcess benign;

    @AfterEach
    void cleanUp() {
        if (agent != null) {
            agent.close();
        }
        if (leaky != null) {
            leaky.close();
        }
        if (benign != null) {
            benign.close();
        }
    }

    @Test
    void aG1HeapLeakIsFlaggedAndAStableG1HeapIsNot() throws Exception {
        FixtureCatalogue.Entry leaking = FixtureCatalogue.byName("HeapLeakService");
        FixtureCatalogue.Entry stable = FixtureCatalogue.byName("LargeStableHeap");
        // Captures stay off: the agent sees every JVM on the host and must not attach to others here.
        agent = AgentProcess.start(Files.writeString(dir.resolve("leakwatch.yml"), AgentYaml.loopback(dir.resolve("data")) + """
                collectors:
                  host:
                    enabled: false
                  self:
                    interval: 1s
                  processes:
                    interval: 1s
                  jvms:
                    interval: 1s
                leak_watch:
                  interval: 2s
                  window: 2m
                  warmup: 10s
                  capture:
                    enabled: false
                """), dir);
        agent.awaitLog("leakwatch agent running", Duration.ofSeconds(60));
        long started = System.nanoTime();
        leaky = FixtureProcess.start(leaking, null, G1, List.of("--rate-kb-per-min", "61440"));
        benign = FixtureProcess.start(stable, null, G1, List.of());
        String leakyPid = Long.toString(leaky.pid());
        String benignPid = Long.toString(benign.pid());

        // The old generation reaches G1's marking threshold after about 100 s; the heap is full after about 4 min.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> suspected(leakyPid).orElse(0) == 1);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // The process name is not matched: a JVM seen before its hsperfdata exists is first named by its comm ("java").
        Pattern expected = Pattern.compile("pid=" + leakyPid + " process=\\S+ resource=heap ");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> agent.log().stream().anyMatch(l -> expected.matcher(l).find()));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no line matching " + expected + " among "
                    + agent.log().stream().filter(l -> l.contains("leak ")).toList(), e);
        }
        String line = agent.log().stream().filter(l -> expected.matcher(l).find()).findFirst().orElseThrow();
        assertThat(line).contains("leak suspected").contains("growth=+");

        // The stable JVM has heap verdicts all along (its cycles run from the start) and they stay at 0.
        assertThat(suspected(benignPid)).hasValue(0);
        assertThat(agent.log()).noneMatch(l -> l.contains("pid=" + benignPid + " ") && l.contains("leak "));
        HttpResponse<String> findings = agent.adminGet("/api/v1/findings?pid=" + leakyPid);
        assertThat(findings.statusCode()).isEqualTo(200);
        List<Diagnosis> served = DiagnosisJson.mapper().readValue(findings.body(),
                DiagnosisJson.mapper().getTypeFactory().constructCollectionType(List.class, Diagnosis.class));
        assertThat(served).singleElement().satisfies(d -> assertThat(d.findings())
                .anySatisfy(f -> assertThat(f.resource()).isEqualTo(Resource.HEAP)));
        assertThat(agent.adminGet("/api/v1/findings?pid=" + benignPid).body().strip()).isEqualTo("[]");
        System.out.println("G1 heap leak flagged after " + took.toSeconds() + " s: " + line);
    }

    private OptionalDouble suspected(String pid) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("leakwatch_leak_suspected\\{pid=\"" + pid + "\",process=\"[^\"]*\",resource=\"heap\"} (\\S+)")
                .matcher(agent.get("/metrics").body());
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group(1))) : OptionalDouble.empty();
    }
}
