package dev.leakwatch.core.heap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads recorded command outputs checked in under src/test/resources. */
final class Recordings {

    private Recordings() {}

    static String read(String resource) {
        try (InputStream in = Recordings.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output as the DiagnosticCommand MBean returns it: without jcmd's {@code <pid>:} first line. */
    static String withoutPidLine(String jcmdOutput) {
        return jcmdOutput.substring(jcmdOutput.indexOf('\n') + 1);
    }
}
