package dev.leakwatch.jvm.profile;

import dev.leakwatch.core.pprof.ProfileBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.management.MBeanServerConnection;

/**
 * Takes pprof profiles, thread dumps and JFR recordings of one {@link ProfileTarget}.
 *
 * <p>Heap profiles come from JFR old-object samples, which only include objects that have
 * survived a collection; when none happened during the window (an idle or lightly loaded
 * JVM), one is run before the snapshot so the profile is not empty, as {@code gc=1} always
 * does. Without JFR, the heap profile is a class histogram and the other JFR-based profiles
 * throw {@link ProfileUnavailableException}.
 */
public final class Profiler {
    /** The JDK configuration used for traces: JFR's low-overhead profiling preset. */
    public static final String TRACE_CONFIGURATION = "profile";

    private final ProfileTarget target;

    public Profiler(ProfileTarget target) {
        this.target = Objects.requireNonNull(target, "target");
    }

    /** Takes the profile and writes it gzip-compressed, as pprof reads it. */
    public void writeProfile(ProfileRequest request, OutputStream out) throws IOException {
        profile(request).writeGzip(out);
    }

    /** Takes the profile and returns its builder, e.g. to inspect or re-encode it. */
    public ProfileBuilder profile(ProfileRequest request) throws IOException {
        long startNanos = epochNanos(Instant.now());
        ProfileBuilder profile;
        switch (request.kind()) {
            case GOROUTINE:
                profile = ThreadStacks.dump(target.mbeans(), false).profile();
                break;
            case HEAP:
                profile = target.jfr().isPresent()
                        ? recordHeap(HeapRecipe.heap(), request)
                        : HistogramHeap.profile(target.mbeans());
                break;
            case ALLOCS:
                profile = recordHeap(HeapRecipe.allocs(), request);
                break;
            case CPU:
                profile = record(new CpuRecipe(), request.window(), null, () -> {});
                break;
            case BLOCK:
                profile = record(ContentionRecipe.block(), request.window(), null, () -> {});
                break;
            case MUTEX:
                profile = record(ContentionRecipe.mutex(), request.window(), null, () -> {});
                break;
            default:
                throw new IllegalArgumentException("unhandled profile kind " + request.kind());
        }
        long duration = request.kind().needsWindow() ? request.window().toNanos() : 0;
        return profile.program(target.name()).timeNanos(startNanos).durationNanos(duration);
    }

    /**
     * A thread dump as text: {@code debug=1} groups identical stacks under a count,
     * {@code debug=2} lists every thread with its locks.
     */
    public String threadDump(int debug) throws IOException {
        if (debug == 1) {
            return ThreadDumpText.grouped(ThreadStacks.dump(target.mbeans(), false));
        }
        if (debug == 2) {
            return ThreadDumpText.full(ThreadStacks.dump(target.mbeans(), true));
        }
        throw new IllegalArgumentException("debug must be 1 (grouped stacks) or 2 (full dump), got " + debug);
    }

    /**
     * Records a JFR file for the window with the JDK's "profile" configuration: a recording
     * JDK Mission Control and {@code jfr} open. The caller deletes the returned file.
     */
    public Path recordTrace(Duration window) throws IOException {
        return jfr("a trace").record(JfrRequest.ofConfiguration("trace", TRACE_CONFIGURATION, window));
    }

    private ProfileBuilder recordHeap(HeapRecipe recipe, ProfileRequest request) throws IOException {
        MBeanServerConnection mbeans = target.mbeans();
        long collectionsBefore = Mbeans.gcCount(mbeans);
        JfrRequest.Check hasOldObjects = file -> JfrEvents.contains(file, HeapRecipe.OLD_OBJECT);
        return record(recipe, request.window(), hasOldObjects, () -> {
            try {
                if (request.gcFirst() || Mbeans.gcCount(mbeans) == collectionsBefore) {
                    Mbeans.memory(mbeans).gc();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private ProfileBuilder record(JfrRecipe recipe, Duration window, JfrRequest.Check check, Runnable beforeStop)
            throws IOException {
        JfrRecorder jfr = jfr("a " + recipe.name() + " profile");
        Path file;
        try {
            file = jfr.record(JfrRequest.ofSettings(recipe.name(), recipe.settings(), window)
                    .beforeStop(beforeStop).check(check));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        try {
            ProfileBuilder profile = new ProfileBuilder(recipe.schema()).period(recipe.period());
            JfrEvents.read(file, recipe.eventTypes(), event -> recipe.add(event, profile));
            return profile;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private JfrRecorder jfr(String what) throws ProfileUnavailableException {
        return target.jfr().orElseThrow(() -> new ProfileUnavailableException(
                "pid " + target.pid() + " has no usable JFR (Java Flight Recorder), needed for " + what));
    }

    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
