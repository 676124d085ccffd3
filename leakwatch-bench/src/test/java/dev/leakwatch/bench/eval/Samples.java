package dev.leakwatch.bench.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Diagnosis documents written to the contract's schema, checked in under src/test/resources. */
final class Samples {
    static final String HEAP_LEAK = "heap-leak.json";
    static final String CONTAINER_LEAK = "container-leak.json";
    static final String SOCKET_LEAK = "socket-leak.json";
    static final String NATIVE_AND_FDS = "native-and-fds.json";
    static final String NO_LEAK = "no-leak.json";
    static final String INCONCLUSIVE = "inconclusive.json";

    private Samples() {}

    static String text(String name) {
        try (InputStream in = Samples.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DiagnosisReading reading(String name) {
        return DiagnosisReading.parse(text(name));
    }
}
