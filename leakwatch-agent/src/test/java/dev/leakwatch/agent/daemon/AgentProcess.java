package dev.leakwatch.agent.daemon;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/** The real agent jar ({@code target/leakwatch.jar}) run as a child process, its log captured. */
final class AgentProcess implements AutoCloseable {
    private static final Pattern LISTENER = Pattern.compile("metrics listener on http://([^/]+)/metrics");
    private static final Pattern ADMIN_LISTENER = Pattern.compile("admin listener on http://([^/]+)/");

    private final Process process;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AgentProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    log.add(line);
                }
            } catch (IOException e) {
                log.add("(log reader stopped: " + e + ")");
            }
        }, "test-agent-log");
        reader.setDaemon(true);
        reader.start();
    }

    static Path jar() {
        Path jar = Path.of("target", "leakwatch.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar.toAbsolutePath() + ": run through 'mvn verify' (package first)");
        }
        return jar;
    }

    /** Starts {@code leakwatch agent --config file} with a small heap, as a deployment would. */
    static AgentProcess start(Path config, Path workDir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-jar",
                jar().toAbsolutePath().toString(), "agent", "--config", config.toString()));
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return new AgentProcess(p);
    }

    long pid() {
        return process.pid();
    }

    List<String> log() {
        return log;
    }

    /** Waits for a log line containing the text; returns it. */
    String awaitLog(String text, Duration within) {
        try {
            await().atMost(within).until(() -> log.stream().anyMatch(l -> l.contains(text)) || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no log line with \"" + text + "\" within " + within + "; log:\n"
                    + String.join("\n", List.copyOf(log)), e);
        }
        return log.stream().filter(l -> l.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no log line with \"" + text + "\"; log:\n" + String.join("\n", log)));
    }

    /** The metrics listener's host:port, from the start-up log. */
    String metricsAddress() {
        Matcher m = LISTENER.matcher(awaitLog("metrics listener on", Duration.ofSeconds(60)));
        if (!m.find()) {
            throw new AssertionError("unexpected listener log line");
        }
        return m.group(1);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + metricsAddress() + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET on the admin listener (its address from the start-up log). */
    HttpResponse<String> adminGet(String path) throws IOException, InterruptedException {
        Matcher m = ADMIN_LISTENER.matcher(awaitLog("admin listener on", Duration.ofSeconds(60)));
        if (!m.find()) {
            throw new AssertionError("unexpected admin listener log line");
        }
        return http.send(HttpRequest.newBuilder(URI.create("http://" + m.group(1) + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " failed");
        }
    }

    /** Waits for the exit; -1 if it did not exit in time. */
    int awaitExit(Duration within) throws InterruptedException {
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
