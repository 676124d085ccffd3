package dev.leakwatch.core.model;

import java.time.Instant;
import java.util.List;

/** The contract's example diagnosis, built from the model, for tests of the JSON and the reports. */
public final class SampleDiagnoses {
    private SampleDiagnoses() {}

    public static Diagnosis contractExample() {
        Instant start = Instant.parse("2026-11-27T10:00:00Z");
        Culprit cls = Culprit.ofClass("com.example.MetricPoint", 1_048_576, 21_000)
                .withOrigin("com.example.MetricCache.put(MetricCache.java:42)",
                        List.of("static com.example.Agent.cache", "java.util.HashMap.table", "com.example.MetricPoint"));
        Culprit threads = Culprit.ofThreads("fetch-*", 120, 118, "WAITING",
                List.of("java.util.concurrent.LinkedBlockingQueue.take(...)", "com.example.Fetcher.run(Fetcher.java:31)"));
        Culprit fds = Culprit.ofFds("/var/data/segment-*.dat", "file", 500, 480);
        Finding heap = new Finding(Resource.HEAP, Severity.LEAK, 2_097_152, Unit.BYTES, 0.97, 268_435_456L, 5400L,
                List.of(cls, threads, fds), List.of(Evidence.of("class-histogram", Instant.parse("2026-11-27T10:01:00Z"))));
        List<double[]> series = List.of(
                new double[] {start.toEpochMilli(), 100e6},
                new double[] {start.toEpochMilli() + 60_000, 102e6},
                new double[] {start.toEpochMilli() + 120_000, 104.1e6});
        Trend heapTrend = new Trend(Resource.HEAP, Unit.BYTES, series, 2_097_152, 100e6, 0.97, 268_435_456L, "leak",
                "grows 2 MiB/min");
        Trend threadTrend = new Trend(Resource.THREADS, Unit.THREADS,
                List.of(new double[] {start.toEpochMilli(), 20}, new double[] {start.toEpochMilli() + 120_000, 20}),
                0, 20, 0.1, null, "no-leak", "flat");
        return new Diagnosis(Diagnosis.SCHEMA, new Target(1234, "java -Xmx256m -jar app.jar", "17.0.15"),
                new Window(start, Instant.parse("2026-11-27T10:02:00Z"), 24), Verdict.LEAK, null, List.of(heap),
                List.of(new Evidence("class-histogram", Instant.parse("2026-11-27T10:01:00Z"), true, "2113 classes")),
                List.of(heapTrend, threadTrend));
    }

    /** The example with another command line, e.g. one with markup in it. */
    public static Diagnosis withCommand(String command) {
        Diagnosis d = contractExample();
        return new Diagnosis(d.schema(), new Target(d.target().pid(), command, d.target().jvm()), d.window(), d.verdict(),
                d.reason(), d.findings(), d.captures(), d.trends());
    }
}
