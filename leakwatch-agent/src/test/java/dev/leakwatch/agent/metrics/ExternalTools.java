package dev.leakwatch.agent.metrics;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds and runs the Prometheus tools the tests use; a missing tool fails the test with how to get it. */
public final class ExternalTools {
    private ExternalTools() {}

    /** The tool on PATH (or in /usr/bin); fails the test when absent. */
    public static Path require(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add("/usr/bin");
        for (String dir : dirs) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return fail(tool + " not found on PATH: install the Debian package 'prometheus' (apt-get install prometheus;"
                + " .ci/run does this in CI)");
    }

    /** The result of a finished command. */
    public record Result(int exit, String output) {}

    /** Runs a command with optional stdin, output and error merged, within a minute. */
    public static Result run(List<String> command, String stdin, Path workDir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        try {
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                return fail(command + " did not finish within a minute");
            }
            return new Result(p.exitValue(), out);
        } finally {
            p.destroyForcibly();
        }
    }

    /** The repository's deploy/prometheus directory. */
    public static Path deployPrometheus() {
        Path dir = Path.of("..", "deploy", "prometheus").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            return fail("no " + dir);
        }
        return dir;
    }
}
