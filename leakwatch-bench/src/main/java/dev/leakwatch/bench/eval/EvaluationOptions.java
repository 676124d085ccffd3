package dev.leakwatch.bench.eval;

import dev.leakwatch.fixtures.FixtureCatalogue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Options of the evaluation driver.
 *
 * @param fixtures   fixtures to evaluate, in catalogue order
 * @param javaHome   JDK the fixtures run on; null for the one running the driver
 * @param leakwatch  the {@code leakwatch} launcher to diagnose with
 * @param duration   diagnose duration for every fixture; null for each fixture's recommended one
 * @param quick      start fixtures with their quick options (faster rates, for short durations)
 * @param out        file to write the Markdown table to as well; null for stdout only
 * @param jsonDir    directory to keep each diagnosis's raw output in; null to keep none
 * @param warmup     how long each fixture runs before the diagnosis starts, as a service would have
 */
record EvaluationOptions(
        List<FixtureCatalogue.Entry> fixtures,
        String javaHome,
        Path leakwatch,
        Duration duration,
        boolean quick,
        Path out,
        Path jsonDir,
        Duration warmup) {

    static final String USAGE = String.join("\n",
            "usage: bench/evaluate [options]",
            "Runs leakwatch diagnose on every catalogued fixture and prints a Markdown table of the results.",
            "  --only NAME[,NAME...]  evaluate only these fixtures (default: all)",
            "  --java-home DIR        JDK the fixtures run on (default: the driver's)",
            "  --leakwatch PATH       the leakwatch launcher (default: bin/leakwatch)",
            "  --duration D           diagnose duration for every fixture, e.g. 60s or 2m (default: each fixture's recommended)",
            "  --quick                start fixtures with their quick options (faster leaks, for short durations)",
            "  --warmup D             let each fixture run this long before diagnosing it (default: 60s)",
            "  --out FILE             also write the table to FILE",
            "  --json-dir DIR         keep each diagnosis's output as DIR/<fixture>.json and .stderr",
            "Exit code: 0 when every fixture was diagnosed correctly, 1 otherwise, 2 on a usage error.");

    /** Start-up growth of a young JVM (JIT code, first-touched heap, class loading) is not what is evaluated. */
    static final Duration DEFAULT_WARMUP = Duration.ofSeconds(60);

    private static final Pattern DURATION = Pattern.compile("(\\d+)(s|m)");

    EvaluationOptions {
        fixtures = List.copyOf(fixtures);
    }

    /**
     * Parses the driver's arguments.
     *
     * @throws IllegalArgumentException naming the bad option or value
     */
    static EvaluationOptions parse(String... args) {
        List<FixtureCatalogue.Entry> fixtures = FixtureCatalogue.all();
        String javaHome = null;
        Path leakwatch = Path.of("bin", "leakwatch");
        Duration duration = null;
        Duration warmup = DEFAULT_WARMUP;
        boolean quick = false;
        Path out = null;
        Path jsonDir = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--quick")) {
                quick = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value" : "unexpected argument '" + option + "'");
            }
            String value = args[++i];
            switch (option) {
                case "--only" -> fixtures = selected(value);
                case "--java-home" -> javaHome = value;
                case "--leakwatch" -> leakwatch = Path.of(value);
                case "--duration" -> duration = duration(option, value, false);
                case "--warmup" -> warmup = duration(option, value, true);
                case "--out" -> out = Path.of(value);
                case "--json-dir" -> jsonDir = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new EvaluationOptions(fixtures, javaHome, leakwatch, duration, quick, out, jsonDir, warmup);
    }

    private static List<FixtureCatalogue.Entry> selected(String names) {
        List<String> wanted = List.of(names.split(","));
        List<FixtureCatalogue.Entry> entries = new ArrayList<>();
        for (String name : wanted) {
            FixtureCatalogue.byName(name.trim());
        }
        for (FixtureCatalogue.Entry e : FixtureCatalogue.all()) {
            if (wanted.stream().anyMatch(n -> n.trim().equals(e.name()))) {
                entries.add(e);
            }
        }
        return entries;
    }

    private static Duration duration(String option, String value, boolean zeroAllowed) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches() || (!zeroAllowed && Long.parseLong(m.group(1)) == 0)) {
            throw new IllegalArgumentException(option + " must look like 60s or 2m, got '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
    }

    /** The diagnose duration for a fixture. */
    Duration durationFor(FixtureCatalogue.Entry entry) {
        return duration != null ? duration : entry.diagnoseDuration();
    }
}
