package dev.leakwatch.agent.cli;

import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.DiagnosisJson;
import dev.leakwatch.core.model.Verdict;
import dev.leakwatch.core.report.HtmlReport;
import dev.leakwatch.core.report.TextReport;
import dev.leakwatch.jvm.diagnose.DiagnoseRequest;
import dev.leakwatch.jvm.diagnose.Diagnoser;
import dev.leakwatch.jvm.diagnose.NoSuchProcessException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leakwatch diagnose <pid>}: watch one process and report leaks and culprits. */
@Command(
        name = "diagnose",
        mixinStandardHelpOptions = true,
        description = {
            "Watches one process and reports what leaks, how fast, and who leaks it.",
            "Resources: heap, threads, fds and sockets, metaspace, direct and native memory.",
            "Exit status: 0 no leak (or inconclusive), 1 leak found, 2 usage or runtime error."
        })
final class DiagnoseCommand implements Callable<Integer> {
    /** How long Ctrl-C waits for the target to be cleaned up (JFR recording stopped, files removed). */
    private static final long CLEANUP_GRACE_SECONDS = 10;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<pid>", description = "the process to watch")
    long pid;

    @Option(names = "--duration", defaultValue = "120s", converter = DurationConverter.class,
            description = "how long to watch, e.g. 120s, 5m (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--interval", defaultValue = "5s", converter = DurationConverter.class,
            description = "time between samples (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--histograms", defaultValue = "0",
            description = "class histograms to take, 3 to 6; each forces a full GC in the target (default: 3, one more per minute beyond 3)")
    int histograms;

    @Option(names = "--format", defaultValue = "text", description = "text, json or html (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the report here instead of stdout")
    Path output;

    enum Format { text, json, html }

    @Override
    public Integer call() throws Exception {
        DiagnoseRequest request;
        try {
            request = new DiagnoseRequest(pid, duration, interval, histograms);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("leakwatch diagnose: " + e.getMessage());
            return Main.EXIT_ERROR;
        }
        ProgressBar bar = ProgressBar.forStderr();
        Thread worker = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: interrupt the watch and give it time to stop what it started in the target.
        Thread cleanup = new Thread(() -> {
            worker.interrupt();
            try {
                finished.await(CLEANUP_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "leakwatch-diagnose-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Diagnosis diagnosis;
        try {
            diagnosis = Diagnoser.local().run(request, bar::update);
        } catch (NoSuchProcessException e) {
            spec.commandLine().getErr().println("leakwatch diagnose: " + e.getMessage());
            return Main.EXIT_ERROR;
        } catch (InterruptedException e) {
            spec.commandLine().getErr().println("leakwatch diagnose: interrupted; the target was left as found");
            return Main.EXIT_ERROR;
        } finally {
            bar.finish();
            finished.countDown();
            removeHook(cleanup);
        }
        write(render(diagnosis));
        return diagnosis.verdict() == Verdict.LEAK ? Main.EXIT_LEAK : Main.EXIT_OK;
    }

    private String render(Diagnosis d) {
        return switch (format) {
            case json -> DiagnosisJson.write(d) + "\n";
            case html -> HtmlReport.render(d);
            case text -> TextReport.render(d);
        };
    }

    private void write(String report) throws IOException {
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(report);
            out.flush();
        } else {
            Files.writeString(output, report, StandardCharsets.UTF_8);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running and returns once `finished` counts down.
        }
    }
}
