package dev.leakwatch.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakwatch.fixtures.FixtureCatalogue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the driver end to end on real fixtures, with a stand-in {@code leakwatch} that records its
 * arguments and answers with a recorded diagnosis: the driver's process handling, RSS polling, GC
 * accounting and judging, without depending on the real diagnosis.
 */
class EvaluationIT {

    @Test
    void evaluatesFixturesThroughTheLauncherAsABlackBox(@TempDir Path dir) throws Exception {
        Path threadLeak = Files.writeString(dir.resolve("threads.json"), THREAD_LEAK);
        Path noLeak = Files.writeString(dir.resolve("no-leak.json"), Samples.text(Samples.NO_LEAK));
        Path calls = dir.resolve("calls.txt");
        Path fake = script(dir.resolve("leakwatch"), String.join("\n",
                "#!/bin/sh",
                "echo \"$@\" >> '" + calls + "'",
                "sleep 1",
                "if grep -q ThreadLeakService /proc/$2/cmdline; then cat '" + threadLeak + "'; exit 1; fi",
                "cat '" + noLeak + "'",
                "exit 0",
                ""));
        Path raw = dir.resolve("raw");
        EvaluationOptions options = EvaluationOptions.parse("--only", "ThreadLeakService,FdChurn", "--quick",
                "--duration", "2s", "--warmup", "0s", "--leakwatch", fake.toString(), "--json-dir", raw.toString());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();

        List<FixtureResult> results = new Evaluation(options, new PrintStream(progress, true, StandardCharsets.UTF_8)).runAll();

        assertThat(results).extracting(r -> r.entry().name()).containsExactly("ThreadLeakService", "FdChurn");
        FixtureResult threads = results.get(0);
        assertThat(threads.verdict()).isEqualTo("leak");
        assertThat(threads.correct()).isTrue();
        assertThat(threads.culprits()).singleElement().satisfies(c -> assertThat(c.rank()).isEqualTo(1));
        assertThat(threads.note()).isNull();
        assertThat(results).allSatisfy(r -> {
            assertThat(r.fullGcs()).isZero();
            assertThat(r.maxRssBytes()).isPositive();
            assertThat(r.timeToVerdict()).isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(1));
        });
        assertThat(results.get(1).correct()).isTrue();
        assertThat(Files.readAllLines(calls)).allMatch(l -> l.matches("diagnose \\d+ --duration 2s --format json"));
        assertThat(raw.resolve("FdChurn.json")).content().contains("\"no-leak\"");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("evaluate: ThreadLeakService (diagnose 2 s)");
        assertThat(ResultTable.markdown(results)).contains("| ThreadLeakService | leak: threads (fetch-) | leak | yes | yes (#1) |");
    }

    @Test
    void aLauncherWithoutDiagnoseGivesAnErrorRowWithItsMessage(@TempDir Path dir) throws Exception {
        Path fake = script(dir.resolve("leakwatch"), "#!/bin/sh\necho \"leakwatch: Unmatched argument at index 0: '$1'\" >&2\nexit 2\n");
        EvaluationOptions options = EvaluationOptions.parse("--only", "FdLeakService", "--quick", "--duration", "1s",
                "--warmup", "0s", "--leakwatch", fake.toString());

        FixtureResult result = new Evaluation(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .evaluate(FixtureCatalogue.byName("FdLeakService"));

        assertThat(result.verdict()).isEqualTo("error");
        assertThat(result.correct()).isFalse();
        assertThat(result.note()).isEqualTo("exit 2: leakwatch: Unmatched argument at index 0: 'diagnose'");
    }

    private static Path script(Path path, String text) throws Exception {
        Files.writeString(path, text);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        return path;
    }

    private static final String THREAD_LEAK = """
            {
              "schema": "leakwatch.diagnosis/v1",
              "target": {"pid": 1, "command": "java dev.leakwatch.fixtures.ThreadLeakService", "jvm": "17.0.15"},
              "window": {"start": "2026-11-27T16:00:00Z", "end": "2026-11-27T16:00:02Z", "samples": 3},
              "verdict": "leak",
              "findings": [
                {"resource": "threads", "severity": "leak", "growthPerMinute": 600, "unit": "threads", "confidence": 0.99,
                 "culprits": [
                   {"kind": "thread-stack", "name": "fetch-*", "count": 20, "growth": 20, "state": "WAITING",
                    "frames": ["java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
                               "dev.leakwatch.fixtures.Fetcher.run(Fetcher.java:29)"]}
                 ]}
              ]
            }
            """;
}
