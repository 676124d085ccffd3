package dev.leakwatch.jvm.profile;

import java.io.IOException;
import java.nio.file.Path;

/** Runs one JFR recording in a target JVM and hands back its file. */
public interface JfrRecorder {
    /**
     * Records for the request's window, runs its {@code beforeStop} hook, stops the recording
     * and returns the recording as a local temporary file that the caller deletes. The
     * recording in the target is closed whatever happens.
     */
    Path record(JfrRequest request) throws IOException;
}
