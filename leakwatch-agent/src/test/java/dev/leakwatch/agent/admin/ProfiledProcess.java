package dev.leakwatch.agent.admin;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** {@link ProfiledApp} in its own JVM until closed. */
public final class ProfiledProcess implements AutoCloseable {
    private final Process process;

    private ProfiledProcess(Process process) {
        this.process = process;
    }

    public static ProfiledProcess start(Path dir) throws IOException {
        Path output = Files.createTempFile(dir, "profiled-", ".out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Path.of("target", "test-classes").toAbsolutePath().toString(), ProfiledApp.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        ProfiledProcess child = new ProfiledProcess(p);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(output).contains("ready") || !p.isAlive());
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
