package dev.leakwatch.jvm.perfdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link PerfDataTestChild} process: start, send commands, read replies with a timeout, kill. */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pumpOutput, "leakwatch-test-child-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(Path javaBinary, String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary.toString());
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(testClasses().toString());
        command.add(PerfDataTestChild.class.getName());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ChildJvm child = new ChildJvm(process);
        child.expect("ready");
        return child;
    }

    /** The java launcher running this test. */
    static Path currentJava() {
        return Path.of(ProcessHandle.current().info().command().orElseThrow());
    }

    long pid() {
        return process.pid();
    }

    /** Sends a command line and returns the first reply line starting with {@code replyPrefix}. */
    String send(String command, String replyPrefix) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
        return expect(replyPrefix);
    }

    private String expect(String prefix) {
        try {
            while (true) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                if (line == null) {
                    throw new IllegalStateException("child " + process.pid() + " did not print '" + prefix + "'");
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void pumpOutput() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the child exited: nothing more to read
        }
    }

    private static Path testClasses() {
        try {
            return Path.of(PerfDataTestChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
