package dev.leakwatch.core.threads;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Thread dumps recorded from a test program on JDK 17.0.15 and JDK 25.0.3, under src/test/resources/threads. */
final class Dumps {
    static final String JDK17_JCMD = "jdk17-jcmd-thread-print.txt";
    static final String JDK17_JCMD_LOCKS_EXTENDED = "jdk17-jcmd-thread-print-l-e.txt";
    static final String JDK17_DCMD = "jdk17-dcmd-threadprint-l.txt";
    static final String JDK25_JCMD = "jdk25-jcmd-thread-print.txt";
    static final String JDK25_JCMD_LOCKS_EXTENDED = "jdk25-jcmd-thread-print-l-e.txt";
    static final String JDK25_DCMD = "jdk25-dcmd-threadprint-l.txt";
    static final String[] ALL = {
        JDK17_JCMD, JDK17_JCMD_LOCKS_EXTENDED, JDK17_DCMD, JDK25_JCMD, JDK25_JCMD_LOCKS_EXTENDED, JDK25_DCMD
    };

    private Dumps() {}

    static String read(String name) {
        try (InputStream in = Dumps.class.getResourceAsStream("/threads/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource threads/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
