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
        Path file = null;
        // Closing the recording stops it if it still runs and deletes its repository data.
        try (Recording recording = newRecording(request)) {
            recording.setName(request.recordingName());
            recording.setToDisk(true);
            recording.start();
            Windows.await(request.window());
            request.beforeStop().run();
            for (int dump = 1; dump <= JfrRequest.MAX_DUMPS; dump++) {
                if (file != null) {
                    Files.delete(file);
                }
                // A fresh file each time: a dump may append to an existing one.
                file = Files.createTempFile(request.recordingName() + "-", ".jfr");
                recording.dump(file);
                if (request.check().complete(file)) {
                    break;
                }
            }
            return file;
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                Files.deleteIfExists(file);
            }
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
