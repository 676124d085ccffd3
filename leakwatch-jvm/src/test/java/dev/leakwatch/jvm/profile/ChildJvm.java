package dev.leakwatch.jvm.profile;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A test app (a main class among the test classes) running in its own JVM, until closed. */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path output;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code mainClass} from the test classes and waits until it prints "ready". */
    public static ChildJvm start(Class<?> mainClass, Path dir) throws IOException {
        Path output = Files.createTempFile(dir, mainClass.getSimpleName() + "-", ".out");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Path.of("target", "test-classes").toAbsolutePath().toString(), mainClass.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        ChildJvm child = new ChildJvm(p, output);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(output).contains("ready") || !p.isAlive());
            if (!p.isAlive()) {
                throw new IllegalStateException(mainClass + " died: " + Files.readString(output));
            }
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        return child;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        stop(process);
    }

    /** Stops a child process: politely, then forcibly after ten seconds. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
