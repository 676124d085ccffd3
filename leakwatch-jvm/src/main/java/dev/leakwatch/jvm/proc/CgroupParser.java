package dev.leakwatch.jvm.proc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code /proc/<pid>/cgroup}: {@code hierarchy-id:controller-list:path} per line; cgroup v2 is the line
 * {@code 0::path}, cgroup v1 has one line per hierarchy ({@code 4:memory:/docker/<id>}).
 */
final class CgroupParser {

    /**
     * One line.
     *
     * @param hierarchy   hierarchy id, 0 for the cgroup v2 unified hierarchy
     * @param controllers controllers bound to the hierarchy (v1), empty for v2
     * @param path        the cgroup's path, relative to the reader's cgroup namespace root
     */
    record Entry(int hierarchy, List<String> controllers, String path) {
        Entry {
            controllers = List.copyOf(controllers);
        }

        boolean unified() {
            return hierarchy == 0 && controllers.isEmpty();
        }
    }

    /**
     * A 64-hex container id as runtimes name their cgroups: {@code /docker/<id>}, {@code docker-<id>.scope}
     * (systemd driver), {@code cri-containerd-<id>.scope}, {@code crio-<id>.scope}, {@code libpod-<id>.scope}
     * (podman), {@code /kubepods/<qos>/pod<uid>/<id>} (cgroupfs driver). The {@code conmon} monitor processes of
     * cri-o and podman ({@code crio-conmon-<id>}, {@code libpod-conmon-<id>}) are not in the container.
     */
    private static final Pattern CONTAINER_ID =
            Pattern.compile("(?:^|(?<=[/-]))(?<!conmon-)([0-9a-f]{64})(?=$|/|\\.scope)");

    private CgroupParser() {}

    /** The lines of the file; malformed lines are skipped. */
    static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : (Iterable<String>) text.lines()::iterator) {
            String[] fields = line.split(":", 3);
            if (fields.length < 3 || !fields[2].startsWith("/")) {
                continue;
            }
            try {
                List<String> controllers = fields[1].isEmpty() ? List.of() : Arrays.asList(fields[1].split(","));
                entries.add(new Entry(Integer.parseInt(fields[0]), controllers, fields[2]));
            } catch (NumberFormatException malformed) {
                // skip the line
            }
        }
        return entries;
    }

    /** The container id in the v2 path, else in the first v1 path that has one. */
    static Optional<String> containerId(List<Entry> entries) {
        return entries.stream()
                .sorted(Comparator.comparing((Entry e) -> !e.unified()))
                .map(e -> lastContainerId(e.path()))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<String> lastContainerId(String path) {
        Matcher matcher = CONTAINER_ID.matcher(path);
        String id = null;
        while (matcher.find()) {
            id = matcher.group(1);
        }
        return Optional.ofNullable(id);
    }
}
