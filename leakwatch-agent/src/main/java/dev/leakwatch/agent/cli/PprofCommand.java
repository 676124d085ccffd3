package dev.leakwatch.agent.cli;

import dev.leakwatch.jvm.profile.ProfileKind;
import dev.leakwatch.jvm.profile.ProfileRequest;
import dev.leakwatch.jvm.profile.ProfileTarget;
import dev.leakwatch.jvm.profile.Profiler;
import dev.leakwatch.jvm.profile.http.PprofSettings;
import dev.leakwatch.jvm.profile.http.TargetResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code leakwatch pprof <pid> --type heap|allocs|threads|cpu|contention [--seconds N] -o FILE}:
 * a pprof profile of any local JVM, written atomically (a temporary file moved into place),
 * so FILE is either the whole profile or untouched. Ctrl-C stops the recording in the target.
 */
@Command(
        name = "pprof",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a pprof profile of a local JVM; read it with 'go tool pprof FILE'.",
            "Types: heap (live objects by allocation site), allocs (allocations), threads (stacks with counts),",
            "cpu (CPU samples), contention (time blocked on monitors and locks)."
        })
public final class PprofCommand implements Callable<Integer> {
    static final Duration CPU_WINDOW = Duration.ofSeconds(30);
    static final Duration SAMPLING_WINDOW = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "Process id of the JVM.")
    long pid;

    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "heap, allocs, threads, cpu or contention.")
    String type;

    @Option(names = "--seconds", paramLabel = "N",
            description = "Sampling window, 1 to 120 (default 30 for cpu, 10 for the others; threads is a snapshot).")
    Integer seconds;

    @Option(names = "--gc", description = "heap, allocs: run a full GC before the snapshot.")
    boolean gc;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the profile.")
    Path output;

    private final TargetResolver targets;

    public PprofCommand() {
        this(TargetResolver.localJvms());
    }

    /** With another way to reach JVMs, for tests. */
    PprofCommand(TargetResolver targets) {
        this.targets = targets;
    }

    @Override
    public Integer call() throws IOException {
        ProfileKind kind = kind();
        ProfileRequest request = new ProfileRequest(kind, window(kind), gc);
        Path file = output.toAbsolutePath();
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName() + "-", ".tmp");
        try {
            try (ProfileTarget target = targets.resolve(OptionalLong.of(pid))) {
                // Closing the target on Ctrl-C stops a recording still running in it.
                Thread cleanup = new Thread(target::close, "leakwatch-pprof-cleanup");
                Runtime.getRuntime().addShutdownHook(cleanup);
                Progress progress = Progress.start(spec.commandLine().getErr(), kind, request.window(), pid);
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    new Profiler(target).writeProfile(request, out);
                } finally {
                    progress.close();
                    removeHook(cleanup);
                }
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        spec.commandLine().getOut().println("wrote " + type + " profile of pid " + pid + " to " + output
                + " (view: go tool pprof " + output + ")");
        return Main.EXIT_OK;
    }

    private ProfileKind kind() {
        try {
            return ProfileKind.fromName(type);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--type: " + e.getMessage());
        }
    }

    private Duration window(ProfileKind kind) {
        if (!kind.needsWindow()) {
            return Duration.ZERO;
        }
        long max = PprofSettings.DEFAULT_MAX_WINDOW.toSeconds();
        if (seconds == null) {
            return kind == ProfileKind.CPU ? CPU_WINDOW : SAMPLING_WINDOW;
        }
        if (seconds < 1 || seconds > max) {
            throw new ParameterException(spec.commandLine(), "--seconds must be from 1 to " + max + ", got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it closes the target
        }
    }

    /**
     * A one-line progress bar on stderr while the window runs, only when stderr is a
     * terminal; otherwise nothing, so scripts get clean output.
     */
    static final class Progress implements AutoCloseable {
        private static final int WIDTH = 30;
        private final Thread thread;
        private final PrintWriter err;

        private Progress(Thread thread, PrintWriter err) {
            this.thread = thread;
            this.err = err;
        }

        static Progress start(PrintWriter err, ProfileKind kind, Duration window, long pid) {
            if (System.console() == null || window.isZero()) {
                return new Progress(null, err);
            }
            long total = window.toSeconds();
            Thread t = new Thread(() -> {
                try {
                    for (long s = 0; s <= total; s++) {
                        int done = (int) (WIDTH * s / total);
                        err.print("\r" + kind.endpoint() + " profile of pid " + pid + " [" + "#".repeat(done)
                                + " ".repeat(WIDTH - done) + "] " + s + "/" + total + " s");
                        err.flush();
                        Thread.sleep(1000);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "leakwatch-progress");
            t.setDaemon(true);
            t.start();
            return new Progress(t, err);
        }

        @Override
        public void close() {
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
                err.flush();
            }
        }
    }
}
