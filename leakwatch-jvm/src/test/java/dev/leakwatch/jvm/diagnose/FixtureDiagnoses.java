package dev.leakwatch.jvm.diagnose;

import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.Finding;
import dev.leakwatch.fixtures.FixtureCatalogue;
import dev.leakwatch.fixtures.FixtureProcess;
import dev.leakwatch.jvm.proc.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/** Runs the diagnosis engine on several fixture processes at once, so a batch costs one window of wall time. */
final class FixtureDiagnoses {
    static final Duration WINDOW = Duration.ofSeconds(30);
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private FixtureDiagnoses() {}

    /** A fixture's diagnosis, with the fixture's resolved expected culprit. */
    record Result(String fixture, Diagnosis diagnosis, Optional<String> expectedCulprit) {}

    /**
     * Starts the fixtures, lets each run for {@code warmup} (start-up growth of a young JVM, above all
     * of its native memory as JIT code and malloc arenas fill, is not what a test of a steady pattern
     * is about), then diagnoses them all at once.
     */
    static Map<String, Result> diagnoseConcurrently(List<String> fixtures, List<String> onNewestJdk, Duration warmup)
            throws Exception {
        Map<String, Result> results = new ConcurrentHashMap<>();
        List<FixtureProcess> started = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(fixtures.size(), r -> new Thread(r, "leakwatch-test-diagnose"));
        try {
            for (String name : fixtures) {
                FixtureCatalogue.Entry entry = FixtureCatalogue.byName(name);
                String javaHome = onNewestJdk.contains(name) ? newestJdk().orElse(null) : null;
                started.add(FixtureProcess.start(entry, javaHome, List.of(), entry.quickArgs()));
            }
            // Start-up growth (JIT, first-touched heap, class loading) is not what these tests are about.
            ProcFs proc = ProcFs.system();
            for (FixtureProcess fixture : started) {
                Awaitility.await().atMost(warmup.multipliedBy(3)).until(() -> proc.stat(fixture.pid())
                        .map(s -> Duration.between(s.startTime(), Instant.now()).compareTo(warmup) >= 0).orElse(true));
            }
            List<Future<?>> futures = new ArrayList<>();
            for (FixtureProcess fixture : started) {
                futures.add(pool.submit(() -> {
                    Diagnosis d = Diagnoser.local().run(new DiagnoseRequest(fixture.pid(), WINDOW, INTERVAL, 0),
                            DiagnoseProgress.NONE);
                    results.put(fixture.entry().name(), new Result(fixture.entry().name(), d, fixture.expectedCulprit()));
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            for (FixtureProcess fixture : started) {
                fixture.close();
            }
        }
        return results;
    }

    /** Rank (1-based) of the first culprit of the finding that mentions the text, or 0. */
    static int culpritRank(Finding finding, String text) {
        List<Culprit> culprits = finding.culprits();
        for (int i = 0; i < culprits.size(); i++) {
            Culprit c = culprits.get(i);
            String all = c.name() + " " + c.allocationSite() + " " + c.gcRootPath() + " " + c.frames();
            if (all.contains(text)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** A JDK newer than 17 under /usr/lib/jvm (the targets must work on current JDKs too), if any. */
    static Optional<String> newestJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")))
                    .filter(d -> d.getFileName().toString().matches(".*-(2[1-9]|[3-9]\\d)(-.*|$).*"))
                    .map(Path::toString)
                    .sorted()
                    .reduce((a, b) -> b);
        }
    }
}
