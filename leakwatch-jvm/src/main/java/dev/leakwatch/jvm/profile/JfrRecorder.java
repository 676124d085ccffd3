package dev.leakwatch.jvm.profile;

import java.io.IOException;
import java.nio.file.Path;

/** Runs one JFR recording in a target JVM and hands back its file. */
public interface JfrRecorder {
    /**
     * Records for the request's window, runs its {@code beforeStop} hook, dumps the still
     * running recording (again while the request's check finds the dump incomplete, at most
     * {@link JfrRequest#MAX_DUMPS} times), then stops and closes it, and returns the dump as a
     * local temporary file that the caller deletes. The recording in the target is closed
     * whatever happens.
     *
     * <p>Why dump before stopping, and maybe twice: old-object samples are written only when a
     * recording is dumped or stopped, and on JDK 17 the first such write in a JVM's life
     * sometimes comes out empty while a second one, moments later, holds every sample.
     */
    Path record(JfrRequest request) throws IOException;
}
