package dev.leakwatch.jvm.attach;

import dev.leakwatch.jvm.profile.ChildJvm;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A process launched by an integration test: a test-app JVM (on a chosen JDK) or any command. Its
 * output is collected by a {@code leakwatch-test-output} thread; {@link #close} kills it (and waits).
 */
public final class ChildProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final List<String> lines = new ArrayList<>();

    private ChildProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collectOutput, "leakwatch-test-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The JDKs the integration tests run targets on: the one running the tests, JDK 17 and JDK 25 where
     * installed (override with {@code -Dleakwatch.it.jdks=/path/jdk1,/path/jdk2}).
     */
    public static Stream<Path> jdks() {
        String configured = System.getProperty("leakwatch.it.jdks");
        List<Path> candidates = configured != null
                ? Stream.of(configured.split(",")).map(Path::of).toList()
                : List.of(Path.of(System.getProperty("java.home")),
                        Path.of("/usr/lib/jvm/java-17-openjdk-amd64"),
                        Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"));
        Map<Path, Path> byRealPath = new LinkedHashMap<>();
        for (Path home : candidates) {
            if (Files.isExecutable(home.resolve("bin/java"))) {
                try {
                    byRealPath.putIfAbsent(home.toRealPath(), home);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return byRealPath.values().stream();
    }

    /** Starts {@code main} from the test classes on the JDK at {@code javaHome} and waits for its {@code ready} line. */
    public static ChildProcess startJvm(Path javaHome, List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(testClasses().toString());
        command.add(main.getName());
        command.addAll(List.of(args));
        ChildProcess child = start(command);
        try {
            child.awaitLine("ready", STARTUP);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
        return child;
    }

    /** Starts any command. */
    public static ChildProcess start(List<String> command) {
        try {
            return new ChildProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path testClasses() {
        try {
            return Path.of(ChildProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends one line to the process's stdin. */
    public void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the process printed a line starting with {@code prefix}. */
    public void awaitLine(String prefix, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> output().lines().anyMatch(line -> line.startsWith(prefix)) || !process.isAlive());
        if (output().lines().noneMatch(line -> line.startsWith(prefix))) {
            throw new IllegalStateException("process exited without printing '" + prefix + "':\n" + output());
        }
    }

    /** Everything printed so far (stdout and stderr). */
    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    private void collectOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    @Override
    public void close() {
        ChildJvm.stop(process);
    }
}
