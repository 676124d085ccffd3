package dev.leakwatch.jvm.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/** JFR in this JVM through {@link Recording}. */
final class InProcessJfrRecorder implements JfrRecorder {

    @Override
    public Path record(JfrRequest request) throws IOException {
        Path file = Files.createTempFile(request.recordingName() + "-", ".jfr");
        try (Recording recording = newRecording(request)) {
            recording.setName(request.recordingName());
            recording.setToDisk(true);
            recording.start();
            try {
                Windows.await(request.window());
                request.beforeStop().run();
            } finally {
                recording.stop();
            }
            recording.dump(file);
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static Recording newRecording(JfrRequest request) throws IOException {
        if (request.configuration() == null) {
            Recording recording = new Recording();
            recording.setSettings(request.settings());
            return recording;
        }
        try {
            return new Recording(Configuration.getConfiguration(request.configuration()));
        } catch (ParseException e) {
            throw new IOException("JFR configuration '" + request.configuration() + "' is unreadable: " + e.getMessage(), e);
        }
    }
}
