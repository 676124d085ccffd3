package dev.leakwatch.jvm.profile;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Go's own pprof tool as the judge of the profiles: {@code go tool pprof -top} and
 * {@code -raw}. A machine without Go fails these tests with a clear message instead of
 * skipping them; CI installs Debian's golang-go.
 */
public final class GoPprof {
    private GoPprof() {}

    /** The rows of {@code -top}: function names by flat value, largest first. */
    public static List<String> topFunctions(Path profile, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-top"));
        args.addAll(Arrays.asList(options));
        String out = run(profile, args);
        List<String> names = new ArrayList<>();
        boolean rows = false;
        for (String line : out.split("\n")) {
            if (line.strip().startsWith("flat")) {
                rows = true;
            } else if (rows && !line.isBlank()) {
                String[] cols = line.strip().split("\\s+", 6);
                names.add(cols[5]);
            }
        }
        return names;
    }

    /** The output of {@code -top}, for failure messages. */
    public static String top(Path profile, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-top"));
        args.addAll(Arrays.asList(options));
        return run(profile, args);
    }

    /** The profile as {@code -raw} prints it: samples with values and their stacks' function names. */
    public static Raw raw(Path profile) throws IOException, InterruptedException {
        return Raw.parse(run(profile, List.of("-raw")));
    }

    private static String run(Path profile, List<String> args) throws IOException, InterruptedException {
        String go = findGo();
        List<String> command = new ArrayList<>(List.of(go, "tool", "pprof"));
        command.addAll(args);
        command.add(profile.toString());
        Path output = Files.createTempFile("pprof-", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("go tool pprof did not finish within 120 s: " + command);
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                fail("go tool pprof rejected the profile (exit " + p.exitValue() + "): " + command + "\n" + out);
            }
            return out;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String findGo() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path go = Path.of(dir, "go");
            if (Files.isExecutable(go)) {
                return go.toString();
            }
        }
        for (String candidate : List.of("/usr/lib/go/bin/go", "/usr/local/go/bin/go")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return fail("Go is not installed: these tests use `go tool pprof` to check the profiles. "
                + "Install it (Debian: apt-get install golang-go; .ci/run does this) and run again.");
    }

    /** A profile as {@code go tool pprof -raw} prints it. */
    public record Raw(List<String> sampleTypes, List<Sample> samples) {
        /** One sample: its values and its stack's function names, leaf first. */
        public record Sample(long[] values, List<String> functions) {
            public long value(int index) {
                return values[index];
            }
        }

        static Raw parse(String text) {
            String[] lines = text.split("\n");
            Map<Long, String> functions = new HashMap<>();
            List<String> types = List.of();
            List<long[]> values = new ArrayList<>();
            List<long[]> stacks = new ArrayList<>();
            String section = "";
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.equals("Samples:")) {
                    section = "samples";
                    types = Arrays.stream(lines[++i].strip().split("\\s+")).map(t -> t.replace("[dflt]", "").split("/")[0]).toList();
                } else if (line.equals("Locations")) {
                    section = "locations";
                } else if (line.equals("Mappings")) {
                    section = "mappings";
                } else if (section.equals("samples") && line.contains(": ") && !line.contains(":[")) {
                    String[] parts = line.split(":", 2);
                    values.add(Arrays.stream(parts[0].strip().split("\\s+")).mapToLong(Long::parseLong).toArray());
                    stacks.add(Arrays.stream(parts[1].strip().split("\\s+")).filter(s -> !s.isEmpty())
                            .mapToLong(Long::parseLong).toArray());
                } else if (section.equals("locations") && line.contains(": 0x")) {
                    String[] parts = line.strip().split("\\s+");
                    functions.put(Long.parseLong(parts[0].replace(":", "")), parts[3]);
                }
            }
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                samples.add(new Sample(values.get(i),
                        Arrays.stream(stacks.get(i)).mapToObj(id -> functions.getOrDefault(id, "?")).toList()));
            }
            return new Raw(types, samples);
        }

        public int index(String sampleType) {
            int i = sampleTypes.indexOf(sampleType);
            if (i < 0) {
                throw new IllegalArgumentException("no sample type " + sampleType + " in " + sampleTypes);
            }
            return i;
        }
    }
}
