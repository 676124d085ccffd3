package dev.leakwatch.bench.eval;

import dev.leakwatch.fixtures.FixtureCatalogue;
import dev.leakwatch.fixtures.FixtureProcess;
import dev.leakwatch.fixtures.GcCounts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The evaluation driver: runs each catalogued fixture, diagnoses it with
 * {@code leakwatch diagnose <pid> --duration <d> --format json} as a black box, stops it, and
 * reports per fixture the verdict, whether it is right, the rank of the expected culprit, the time
 * to the verdict, the full GCs the diagnosis induced in the fixture and the diagnose process's
 * peak RSS, as a Markdown table ({@link ResultTable}).
 *
 * <p>Full GCs induced: the fixture's full-collection count at exit (its {@code GC} lines) minus the
 * count in its last {@code STATS} line before the diagnosis started; fixtures do not collect fully
 * on their own at their default settings, so the difference is what the diagnosis forced.
 */
public final class Evaluation {
    /** Extra time a diagnosis may take beyond its duration before it is killed. */
    static final Duration GRACE = Duration.ofSeconds(120);

    private final EvaluationOptions options;
    private final PrintStream progress;

    Evaluation(EvaluationOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help")) {
            System.out.println(EvaluationOptions.USAGE);
            return;
        }
        EvaluationOptions options;
        try {
            options = EvaluationOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("evaluate: " + e.getMessage());
            System.err.println(EvaluationOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            List<FixtureResult> results = new Evaluation(options, System.err).runAll();
            String table = ResultTable.markdown(results);
            System.out.print(table);
            if (options.out() != null) {
                Files.writeString(options.out(), table, StandardCharsets.UTF_8);
            }
            System.exit(results.stream().allMatch(FixtureResult::correct) ? 0 : 1);
        } catch (IOException e) {
            System.err.println("evaluate: " + e.getMessage());
            System.exit(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(2);
        }
    }

    List<FixtureResult> runAll() throws IOException, InterruptedException {
        if (options.jsonDir() != null) {
            Files.createDirectories(options.jsonDir());
        }
        List<FixtureResult> results = new ArrayList<>();
        for (FixtureCatalogue.Entry entry : options.fixtures()) {
            progress.printf("evaluate: %s (diagnose %d s)%n", entry.name(), options.durationFor(entry).toSeconds());
            FixtureResult result = evaluate(entry);
            progress.printf("evaluate: %s -> %s%s%n", entry.name(), result.verdict(), result.correct() ? "" : " (wrong)");
            results.add(result);
        }
        return results;
    }

    FixtureResult evaluate(FixtureCatalogue.Entry entry) throws IOException, InterruptedException {
        Duration duration = options.durationFor(entry);
        FixtureProcess fixture;
        try {
            fixture = FixtureProcess.start(entry, options.javaHome(), List.of(), options.quick() ? entry.quickArgs() : List.of());
        } catch (IOException e) {
            return new FixtureResult(entry, "error", null, Duration.ZERO, null, null, "fixture did not start: " + e.getMessage());
        }
        DiagnoseRun.Outcome outcome;
        Map<String, String> info;
        Long fullGcsBefore;
        try (fixture) {
            Thread.sleep(options.warmup().toMillis()); // a service under diagnosis has usually run for a while
            info = fixture.info();
            fullGcsBefore = fixture.latestStats().get("fullGcs");
            outcome = DiagnoseRun.run(List.of(options.leakwatch().toString(), "diagnose", Long.toString(fixture.pid()),
                    "--duration", duration.toSeconds() + "s", "--format", "json"), duration.plus(GRACE));
        }
        Long fullGcs = null;
        if (entry.launcher() == FixtureCatalogue.Launcher.JAVA && fullGcsBefore != null && !fixture.gcCounts().isEmpty()) {
            fullGcs = GcCounts.fullCollections(fixture.gcCounts()) - fullGcsBefore;
        }
        keepRawOutput(entry, outcome);
        return judge(entry, info, outcome, fullGcs);
    }

    /** Turns one diagnose run into a result: its verdict judged, or why there is none. */
    static FixtureResult judge(FixtureCatalogue.Entry entry, Map<String, String> info, DiagnoseRun.Outcome outcome, Long fullGcs) {
        if (outcome.timedOut()) {
            return new FixtureResult(entry, "timeout", null, outcome.elapsed(), fullGcs, outcome.maxRssBytes(),
                    "killed after " + outcome.elapsed().toSeconds() + " s");
        }
        try {
            DiagnosisReading diagnosis = DiagnosisReading.parse(outcome.stdout());
            return new FixtureResult(entry, diagnosis.verdict(), Judgement.of(entry, info, diagnosis), outcome.elapsed(),
                    fullGcs, outcome.maxRssBytes(), exitCodeNote(diagnosis.verdict(), outcome.exitCode()));
        } catch (IllegalArgumentException e) {
            String cause = outcome.stderr().stream().filter(l -> !l.isBlank()).findFirst().orElse(e.getMessage());
            return new FixtureResult(entry, "error", null, outcome.elapsed(), fullGcs, outcome.maxRssBytes(),
                    "exit " + outcome.exitCode() + ": " + cause);
        }
    }

    /** The contract: exit 1 with a leak, 0 otherwise; a mismatch is worth a note. */
    private static String exitCodeNote(String verdict, int exitCode) {
        int expected = verdict.equals("leak") ? 1 : 0;
        return exitCode == expected ? null : "exit code " + exitCode + " with verdict " + verdict + " (expected " + expected + ")";
    }

    private void keepRawOutput(FixtureCatalogue.Entry entry, DiagnoseRun.Outcome outcome) throws IOException {
        if (options.jsonDir() != null) {
            Files.writeString(options.jsonDir().resolve(entry.name() + ".json"), outcome.stdout(), StandardCharsets.UTF_8);
            Files.write(options.jsonDir().resolve(entry.name() + ".stderr"), outcome.stderr(), StandardCharsets.UTF_8);
        }
    }
}
