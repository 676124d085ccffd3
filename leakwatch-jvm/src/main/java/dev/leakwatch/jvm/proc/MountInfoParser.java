package dev.leakwatch.jvm.proc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses {@code /proc/<pid>/mountinfo} (proc(5)): {@code id parent major:minor root mount-point options
 * [optional fields...] - fstype source super-options}. Paths escape space, tab, newline and backslash as octal
 * ({@code \040}).
 */
final class MountInfoParser {

    /**
     * One mount.
     *
     * @param root         the path inside the file system that is mounted (for cgroups: the namespace's cgroup)
     * @param mountPoint   where it is mounted
     * @param fsType       {@code cgroup}, {@code cgroup2}, {@code proc}, ...
     * @param superOptions per-superblock options; for cgroup v1 they name the controllers
     */
    record Mount(String root, String mountPoint, String fsType, List<String> superOptions) {
        Mount {
            superOptions = List.copyOf(superOptions);
        }
    }

    private MountInfoParser() {}

    /** The mounts; malformed lines are skipped. */
    static List<Mount> parse(String text) {
        List<Mount> mounts = new ArrayList<>();
        for (String line : (Iterable<String>) text.lines()::iterator) {
            String[] fields = line.strip().split(" ");
            int separator = Arrays.asList(fields).indexOf("-");
            if (separator < 6 || fields.length < separator + 4) {
                continue;
            }
            mounts.add(new Mount(unescape(fields[3]), unescape(fields[4]), fields[separator + 1],
                    Arrays.asList(fields[separator + 3].split(","))));
        }
        return mounts;
    }

    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String text, int from) {
        for (int i = from; i < from + 3; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
