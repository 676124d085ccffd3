package dev.leakwatch.agent.findings;

import dev.leakwatch.core.model.Culprit;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.Evidence;
import dev.leakwatch.core.model.Finding;
import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.model.Severity;
import dev.leakwatch.core.model.Target;
import dev.leakwatch.core.model.Unit;
import dev.leakwatch.core.model.Verdict;
import dev.leakwatch.core.model.Window;
import java.time.Instant;
import java.util.List;

/** Diagnoses as the leak watch makes them, for the store's and the API's tests. */
final class Diagnoses {
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00.123456789Z");

    private Diagnoses() {}

    /** A heap and thread leak with every kind of culprit, origins included. */
    static Diagnosis leak(long pid) {
        Culprit cls = Culprit.ofClass("com.example.MetricPoint", 1_048_576, 21_000)
                .withOrigin("com.example.MetricCache.put(MetricCache.java:42)",
                        List.of("static com.example.Agent.cache", "java.util.HashMap.table", "com.example.MetricPoint"));
        Culprit threads = Culprit.ofThreads("fetch-*", 120, 100, "WAITING",
                List.of("java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
                        "com.example.Fetcher.run(Fetcher.java:31)"));
        Culprit fds = Culprit.ofFds("/var/data/segment-*.dat", "file", 500, 480);
        Culprit loader = Culprit.ofClassLoader("com.example.PluginLoader", 3_000, 12);
        Evidence histogram = new Evidence("class-histogram", T0.plusSeconds(60), true, "2,114 classes");
        Finding heap = new Finding(Resource.HEAP, Severity.LEAK, 2_097_152, Unit.BYTES, 0.97, 268_435_456L, 5_400L,
                List.of(cls, loader), List.of(histogram));
        Finding thr = new Finding(Resource.THREADS, Severity.SUSPECT, 12.5, Unit.THREADS, 0.91, null, null,
                List.of(threads, fds), List.of(Evidence.of("thread-dump", T0.plusSeconds(90))));
        return new Diagnosis(Diagnosis.SCHEMA, new Target(pid, "java -Xmx256m -jar app.jar", "17.0.15"),
                new Window(T0, T0.plusSeconds(120), 24), Verdict.LEAK, null, List.of(heap, thr),
                List.of(histogram, Evidence.of("thread-dump", T0.plusSeconds(90))), null);
    }

    /** A process watched and found flat: no findings. */
    static Diagnosis clean(long pid) {
        return new Diagnosis(Diagnosis.SCHEMA, new Target(pid, "java -jar quiet.jar", "21.0.5"),
                new Window(T0, T0.plusSeconds(120), 24), Verdict.NO_LEAK, null, List.of(), List.of(), null);
    }

    /** A process that exited during the window. */
    static Diagnosis inconclusive(long pid) {
        return new Diagnosis(Diagnosis.SCHEMA, new Target(pid, "python3 worker.py", null),
                new Window(T0, T0.plusSeconds(30), 6), Verdict.INCONCLUSIVE, "the process exited during the window",
                List.of(new Finding(Resource.NATIVE, Severity.SUSPECT, 3_000_000, Unit.BYTES, 0.8, null, null,
                        List.of(), List.of())), List.of(), null);
    }

    static ProcessFindings entry(long pid, Diagnosis diagnosis, Instant updated) {
        return new ProcessFindings(new WatchedProcess(pid, 1000 + pid, "proc-" + pid), diagnosis, T0, updated);
    }
}
