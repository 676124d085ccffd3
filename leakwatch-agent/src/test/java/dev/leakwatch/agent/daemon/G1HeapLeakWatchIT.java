package dev.leakwatch.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakwatch.core.model.Resource;
import dev.leakwatch.fixtures.FixtureCatalogue;
import dev.leakwatch.fixtures.FixtureProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        agent = AgentProcess.start(Files.writeString(dir.resolve("leakwatch.yml"),
                AgentYaml.fastLeakWatch(dir.resolve("data"))), dir);
        agent.awaitLog("leakwatch agent running", Duration.ofSeconds(60));
        long started = System.nanoTime();
        leaky = FixtureProcess.start(leaking, null, G1, List.of("--rate-kb-per-min", "61440"));
        benign = FixtureProcess.start(stable, null, G1, List.of());
        String leakyPid = Long.toString(leaky.pid());
        String benignPid = Long.toString(benign.pid());

        // The old generation reaches G1's marking threshold after about 100 s; the heap is full after about 4 min.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> LeakWatchScrapes.suspected(agent, leakyPid, "heap").orElse(0) == 1);
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
        assertThat(LeakWatchScrapes.suspected(agent, benignPid, "heap")).hasValue(0);
        assertThat(agent.log()).noneMatch(l -> l.contains("pid=" + benignPid + " ") && l.contains("leak "));
        assertThat(LeakWatchScrapes.findings(agent, leakyPid)).singleElement().satisfies(d -> assertThat(d.findings())
                .anySatisfy(f -> assertThat(f.resource()).isEqualTo(Resource.HEAP)));
        assertThat(LeakWatchScrapes.findings(agent, benignPid)).isEmpty();
        System.out.println("G1 heap leak flagged after " + took.toSeconds() + " s: " + line);
    }
}
