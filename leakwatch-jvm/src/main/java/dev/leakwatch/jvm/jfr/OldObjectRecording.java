package dev.leakwatch.jvm.jfr;

import dev.leakwatch.jvm.attach.JvmConnection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JFR recording of old-object samples running in a target JVM: JFR keeps a bounded set of sampled
 * allocations (256 by default) that are still alive, with their allocation stacks; a dump adds each
 * one's reference chain from a GC root. That turns "byte[] grows" into "held by MetricCache.cache,
 * allocated in MetricCache.put".
 *
 * <p>How it is started: {@code JFR.start settings=none} plus event settings for
 * {@code jdk.OldObjectSample} only ({@code enabled}, {@code stackTrace}, {@code cutoff}), in memory
 * ({@code disk=false}), so the recording writes no repository files in the target and costs only the
 * sampler. Event-setting options exist on {@code JFR.start} since JDK 17, so no settings file has to
 * be placed where the target can read it. Stack depth is JFR's default, 64 frames (a JVM startup
 * option, not a recording setting). Root paths are searched only at {@link #dump}, not at stop.
 *
 * <p>Cost to the target: starting is cheap (the sampler only looks at allocations that leave a TLAB);
 * {@link #dump} pauses the target while JFR searches the paths to GC roots, bounded by {@code cutoff}
 * (a {@code JFR.dump} round trip measured 0.1 to 0.6 s on JDK 17 and 25 for a 256 MB heap holding up
 * to 400k leaked map entries, on a shared 2-core machine; expect more on large heaps), and writes a
 * file of 100 to 200 kB in the target's {@code /tmp}, which is copied out and deleted.
 *
 * <p>Cleanup: {@link #close} stops the recording and deletes the files it created; it also runs when
 * the connection closes first ({@link JvmConnection#registerDependent}), when this JVM exits
 * ({@link ShutdownCleanup}), and works when the calling thread is interrupted (the interrupt is kept
 * for the caller). A recording left behind by a killed leakwatch is stopped by the next
 * {@link #start} in the same target: its name carries the owner's pid.
 */
public final class OldObjectRecording implements AutoCloseable {

    /** How long a dump may search for paths to GC roots: unbounded, so that every path is found. */
    public static final Duration UNBOUNDED_CUTOFF = Duration.ZERO;

    static final String NAME_PREFIX = "leakwatch-oldobjects-";
    private static final Pattern OWN_RECORDING = Pattern.compile("name=(" + NAME_PREFIX + "(\\d+)-\\d+)");
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final System.Logger LOG = System.getLogger(OldObjectRecording.class.getName());

    private final JvmConnection jvm;
    private final String name;
    private final Set<Path> files = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean started;

    private OldObjectRecording(JvmConnection jvm, String name) {
        this.jvm = jvm;
        this.name = name;
    }

    /** Starts a recording with an unbounded root-path search at dump ({@code cutoff=infinity}). */
    public static OldObjectRecording start(JvmConnection jvm) throws IOException {
        return start(jvm, UNBOUNDED_CUTOFF);
    }

    /**
     * Starts old-object sampling in the target.
     *
     * @param cutoff how long a dump may search for paths to GC roots; {@link #UNBOUNDED_CUTOFF} for no bound
     * @throws IOException if the target refuses (a JDK before 17 lacks the event-setting options)
     */
    public static OldObjectRecording start(JvmConnection jvm, Duration cutoff) throws IOException {
        stopAbandonedRecordings(jvm);
        String name = NAME_PREFIX + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        OldObjectRecording recording = new OldObjectRecording(jvm, name);
        try {
            ShutdownCleanup.register(recording);
        } catch (IllegalStateException e) {
            throw new IOException("not starting a recording: this JVM is shutting down", e);
        }
        jvm.registerDependent(recording);
        String cutoffSetting = cutoff.isZero() ? "infinity" : cutoff.toMillis() + "ms";
        try {
            jvm.diagnosticCommand("JFR.start name=" + name + " settings=none disk=false"
                    + " +jdk.OldObjectSample#enabled=true"
                    + " +jdk.OldObjectSample#stackTrace=true"
                    + " +jdk.OldObjectSample#cutoff=" + cutoffSetting);
            recording.started = true;
        } catch (IOException e) {
            recording.close();
            throw e;
        }
        return recording;
    }

    /** Stops recordings of ours whose owning leakwatch process is gone (killed before it could clean up). */
    private static void stopAbandonedRecordings(JvmConnection jvm) throws IOException {
        Matcher recordings = OWN_RECORDING.matcher(jvm.diagnosticCommand("JFR.check"));
        while (recordings.find()) {
            Optional<ProcessHandle> owner = ProcessHandle.of(Long.parseLong(recordings.group(2)));
            if (owner.isEmpty() || !owner.get().isAlive()) {
                jvm.diagnosticCommand("JFR.stop name=" + recordings.group(1));
            }
        }
    }

    /** The recording's name in the target ({@code JFR.check} lists it). */
    public String name() {
        return name;
    }

    /**
     * Writes the samples so far, with their paths to GC roots, to {@code destination} (replaced if it
     * exists). Pauses the target for the root-path search; see the class comment.
     */
    public void dump(Path destination) throws IOException {
        if (closed.get()) {
            throw new IOException("recording " + name + " is closed");
        }
        // A random name: other local users cannot plant a file or link where the target will write.
        String targetPath = "/tmp/" + NAME_PREFIX + UUID.randomUUID() + ".jfr";
        Path hostPath = jvm.hostPath(targetPath);
        files.add(hostPath);
        try {
            jvm.diagnosticCommand("JFR.dump name=" + name + " filename=" + targetPath + " path-to-gc-roots=true");
            Files.copy(hostPath, destination, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            if (deleteQuietly(hostPath)) {
                files.remove(hostPath);
            }
        }
    }

    /**
     * Stops the recording in the target (if the connection still works) and deletes the files it
     * created. Idempotent; never throws; a failure to stop is logged.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Remote calls and file copies may give up on an interrupted thread; cleanup must not.
        boolean interrupted = Thread.interrupted();
        try {
            if (started && jvm.isConnected()) {
                try {
                    jvm.diagnosticCommand("JFR.stop name=" + name);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "could not stop JFR recording {0} in JVM {1}: {2}",
                            name, jvm.pid(), e.getMessage());
                }
            }
            for (Path file : files) {
                deleteQuietly(file);
            }
            files.clear();
            jvm.unregisterDependent(this);
            ShutdownCleanup.unregister(this);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
            return true;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete {0}: {1}", file, e.getMessage());
            return false;
        }
    }
}
