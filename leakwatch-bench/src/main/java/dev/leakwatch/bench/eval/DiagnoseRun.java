package dev.leakwatch.bench.eval;

import dev.leakwatch.fixtures.ProcStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one {@code leakwatch diagnose} as a black box: its stdout and stderr go to files, its peak
 * resident memory is polled from {@code /proc/<pid>/status} ({@code VmHWM}, which survives between
 * polls, so a short peak is not missed), and it is killed if it overruns its deadline.
 */
final class DiagnoseRun {
    private static final long POLL_MILLIS = 200;

    /**
     * What the run produced.
     *
     * @param exitCode     the exit code; -1 when killed at the deadline
     * @param stdout       everything it printed on stdout
     * @param stderr       its stderr lines
     * @param elapsed      wall time from start to exit
     * @param maxRssBytes  highest {@code VmHWM} read, null if the process was never seen
     */
    record Outcome(int exitCode, String stdout, List<String> stderr, Duration elapsed, Long maxRssBytes) {
        Outcome {
            stderr = List.copyOf(stderr);
        }

        boolean timedOut() {
            return exitCode == -1;
        }
    }

    private DiagnoseRun() {}

    static Outcome run(List<String> command, Duration deadline) throws IOException, InterruptedException {
        Path out = Files.createTempFile("leakwatch-eval-", ".out");
        Path err = Files.createTempFile("leakwatch-eval-", ".err");
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leakwatch-eval-rss");
            t.setDaemon(true);
            return t;
        });
        try {
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            AtomicLong peak = new AtomicLong(-1);
            poller.scheduleAtFixedRate(() -> ProcStatus.read(process.pid())
                            .ifPresent(s -> peak.accumulateAndGet(Math.max(s.hwmBytes(), s.rssBytes()), Math::max)),
                    0, POLL_MILLIS, TimeUnit.MILLISECONDS);
            int exitCode;
            if (process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                exitCode = process.exitValue();
            } else {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                exitCode = -1;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            poller.shutdownNow();
            poller.awaitTermination(5, TimeUnit.SECONDS);
            return new Outcome(exitCode, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readAllLines(err, StandardCharsets.UTF_8), elapsed, peak.get() < 0 ? null : peak.get());
        } finally {
            poller.shutdownNow();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
