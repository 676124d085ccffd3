package dev.leakwatch.javaagent;

import dev.leakwatch.jvm.profile.ChildJvm;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A test application running in its own JVM, with or without the agent jar built by this module. */
final class AgentApp implements AutoCloseable {
    static final Path AGENT_JAR = Path.of("target", "leakwatch-javaagent.jar").toAbsolutePath();
    private static final Path TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath();
    private static final Pattern SERVING = Pattern.compile("serving /debug/pprof/ on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final HttpClient client = HttpClient.newHttpClient();

    private AgentApp(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code mainClass} with the agent (unless {@code agentOptions} is null) and waits
     * until the application says it is ready and the agent has reported.
     */
    static AgentApp start(Path dir, String agentOptions, List<Path> extraClasspath, List<String> jvmOptions,
            String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (agentOptions != null) {
            command.add("-javaagent:" + AGENT_JAR + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        }
        List<String> classpath = new ArrayList<>(List.of(TEST_CLASSES.toString()));
        extraClasspath.forEach(p -> classpath.add(p.toString()));
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(mainClass);
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "app-", ".out");
        Path err = Files.createTempFile(dir, "app-", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        AgentApp app = new AgentApp(p, out, err);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> app.stdout().contains("ready") || !p.isAlive());
            if (agentOptions != null) {
                await().atMost(Duration.ofSeconds(30)).until(() -> app.stderr().contains("leakwatch-javaagent: "));
            }
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return app;
    }

    static AgentApp start(Path dir, String agentOptions, String mainClass, String... args) throws IOException {
        return start(dir, agentOptions, List.of(), List.of(), mainClass, args);
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    int port() throws IOException {
        Matcher m = SERVING.matcher(stderr());
        if (!m.find()) {
            throw new IllegalStateException("the agent did not report a port; stderr:\n" + stderr());
        }
        return Integer.parseInt(m.group(1));
    }

    HttpResponse<byte[]> get(String pathAndQuery, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + pathAndQuery))
                .timeout(Duration.ofSeconds(150));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Fetches a profile into a file, failing on any status but 200. */
    Path download(String pathAndQuery, Path file) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = get(pathAndQuery, null);
        if (r.statusCode() != 200) {
            throw new IllegalStateException(pathAndQuery + " answered " + r.statusCode() + ": " + new String(r.body()));
        }
        return Files.write(file, r.body());
    }

    String stdout() throws IOException {
        return Files.readString(stdout);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() {
        ChildJvm.stop(process);
    }
}
