package dev.leakwatch.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leakwatch.core.model.Resource;
import dev.leakwatch.fixtures.FixtureCatalogue;
import dev.leakwatch.fixtures.FixtureProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's leak watch on real processes: a JVM that leaks threads fast is flagged (metric, log
 * line and {@code /api/v1/findings}) within three minutes, a benign JVM next to it is not. Collectors run every second and
 * the watch every two, so the same rules work in a fraction of the production time.
 */
class LeakWatchIT {
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
    void aLeakingJvmIsFlaggedWithinThreeMinutesAndABenignOneIsNot() throws Exception {
        FixtureCatalogue.Entry leaking = FixtureCatalogue.byName("ThreadLeakService");
        FixtureCatalogue.Entry pool = FixtureCatalogue.byName("BoundedThreadPool");
        agent = AgentProcess.start(Files.writeString(dir.resolve("leakwatch.yml"),
                AgentYaml.fastLeakWatch(dir.resolve("data"))), dir);
        agent.awaitLog("leakwatch agent running", Duration.ofSeconds(60));
        long started = System.nanoTime();
        leaky = FixtureProcess.start(leaking, null, List.of(), leaking.quickArgs());
        benign = FixtureProcess.start(pool, null, List.of(), pool.quickArgs());
        String leakyPid = Long.toString(leaky.pid());
        String benignPid = Long.toString(benign.pid());

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> LeakWatchScrapes.suspected(agent, leakyPid, "threads").orElse(0) == 1);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // JVMs are named by their main class.
        String line = agent.awaitLog("pid=" + leakyPid + " process=" + leaking.target() + " resource=threads",
                Duration.ofSeconds(10));
        assertThat(line).containsPattern("leak (suspected|confirmed)").contains("growth=+");
        assertThat(took).isLessThan(Duration.ofMinutes(3));

        // The benign JVM has verdicts by now (same age as the leaky one) and keeps them at 0.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> LeakWatchScrapes.suspected(agent, benignPid, "threads").isPresent());
        await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> flaggedResources(benignPid) == 0);
        assertThat(agent.log()).noneMatch(l -> l.contains("pid=" + benignPid + " ") && l.contains("leak "));
        assertThat(metrics()).contains("leakwatch_leak_growth_per_minute{pid=\"" + leakyPid
                + "\",process=\"" + leaking.target() + "\",resource=\"threads\",unit=\"threads\"}");
        // The finding is served as a diagnosis document and kept in the data directory.
        assertThat(LeakWatchScrapes.findings(agent, leakyPid)).singleElement().satisfies(d -> {
            assertThat(d.target().pid()).isEqualTo(leaky.pid());
            assertThat(d.findings()).anySatisfy(f -> assertThat(f.resource()).isEqualTo(Resource.THREADS));
        });
        assertThat(dir.resolve("data").resolve("findings.db")).isNotEmptyFile();
        assertThat(LeakWatchScrapes.findings(agent, benignPid)).isEmpty();
        System.out.println("leaky JVM flagged after " + took.toSeconds() + " s: " + line);
    }

    private String metrics() throws IOException, InterruptedException {
        return agent.get("/metrics").body();
    }

    private int flaggedResources(String pid) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("leakwatch_leak_suspected\\{pid=\"" + pid + "\",[^}]*} (\\S+)").matcher(metrics());
        int flagged = 0;
        while (m.find()) {
            flagged += Double.parseDouble(m.group(1)) > 0 ? 1 : 0;
        }
        return flagged;
    }
}
