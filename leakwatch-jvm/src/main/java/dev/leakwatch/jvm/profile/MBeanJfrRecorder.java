package dev.leakwatch.jvm.profile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import jdk.management.jfr.FlightRecorderMXBean;

/**
 * JFR in another JVM through its {@link FlightRecorderMXBean} ({@code jdk.management.jfr}).
 *
 * <p>The recording's data is streamed back over the connection ({@code openStream} /
 * {@code readStream}), so the target and this process need not share a file system or a
 * user. The recording also gets a duration a minute past the window, so that it stops by
 * itself if this process dies before stopping it.
 */
final class MBeanJfrRecorder implements JfrRecorder {
    private static final Duration SAFETY_MARGIN = Duration.ofMinutes(1);

    private final MBeanServerConnection connection;
    private final Consumer<AutoCloseable> register;
    private final Consumer<AutoCloseable> unregister;

    MBeanJfrRecorder(MBeanServerConnection connection) {
        this(connection, c -> {}, c -> {});
    }

    /**
     * A recorder whose running recording is handed to {@code register} (and taken back by
     * {@code unregister}), so that whoever owns the connection can close it first.
     */
    MBeanJfrRecorder(MBeanServerConnection connection, Consumer<AutoCloseable> register, Consumer<AutoCloseable> unregister) {
        this.connection = connection;
        this.register = register;
        this.unregister = unregister;
    }

    /** Whether the target has the MBean, i.e. whether JFR can be used at all. */
    static boolean isAvailable(MBeanServerConnection connection) {
        try {
            return connection.isRegistered(name());
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Path record(JfrRequest request) throws IOException {
        FlightRecorderMXBean jfr = JMX.newMXBeanProxy(connection, name(), FlightRecorderMXBean.class);
        Path file = Files.createTempFile(request.recordingName() + "-", ".jfr");
        try {
            long id = jfr.newRecording();
            AutoCloseable closeInTarget = () -> jfr.closeRecording(id);
            register.accept(closeInTarget);
            try {
                long stopAfter = request.window().plus(SAFETY_MARGIN).toSeconds();
                jfr.setRecordingOptions(id, Map.of("name", request.recordingName(), "duration", stopAfter + " s"));
                if (request.configuration() != null) {
                    jfr.setPredefinedConfiguration(id, request.configuration());
                } else {
                    jfr.setRecordingSettings(id, request.settings());
                }
                jfr.startRecording(id);
                Windows.await(request.window());
                request.beforeStop().run();
                for (int dump = 1; dump <= JfrRequest.MAX_DUMPS; dump++) {
                    copySnapshot(jfr, id, file);
                    if (request.check().complete(file)) {
                        break;
                    }
                }
            } finally {
                unregister.accept(closeInTarget);
                // Closing stops the recording if it still runs and frees its data in the target.
                jfr.closeRecording(id);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw asIo(e);
        }
    }

    /**
     * Copies what the running recording holds so far: a stopped clone of it, which the JVM
     * completes as it would the recording itself (old-object samples included), read and closed.
     */
    private static void copySnapshot(FlightRecorderMXBean jfr, long recordingId, Path file) throws IOException {
        long clone = jfr.cloneRecording(recordingId, true);
        try {
            copy(jfr, clone, file);
        } finally {
            jfr.closeRecording(clone);
        }
    }

    private static void copy(FlightRecorderMXBean jfr, long recordingId, Path file) throws IOException {
        long stream = jfr.openStream(recordingId, Map.of());
        try (OutputStream out = Files.newOutputStream(file)) {
            for (byte[] chunk = jfr.readStream(stream); chunk != null; chunk = jfr.readStream(stream)) {
                out.write(chunk);
            }
        } finally {
            jfr.closeStream(stream);
        }
    }

    /** Proxy calls wrap remote failures in runtime exceptions; callers expect I/O errors. */
    private static IOException asIo(Exception e) {
        if (e instanceof IOException io) {
            return io;
        }
        Throwable cause = e.getCause() instanceof IOException ? e.getCause() : e;
        return new IOException("JFR recording failed: " + (cause.getMessage() == null ? cause : cause.getMessage()), cause);
    }

    private static ObjectName name() {
        try {
            return new ObjectName(FlightRecorderMXBean.MXBEAN_NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException("the JDK's own MBean name is malformed", e);
        }
    }
}
