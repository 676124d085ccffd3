package dev.leakwatch.agent.collect.host;

import java.util.ArrayList;
import java.util.List;

/** {@code /proc/<pid>/mounts} (fstab format; spaces and such in paths are octal escapes like {@code \040}). */
final class Mounts {
    private Mounts() {}

    record Mount(String device, String mountPoint, String fsType, List<String> options) {
        boolean readOnly() {
            return options.contains("ro");
        }
    }

    static List<Mount> parse(String text) {
        List<Mount> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = ProcText.fields(line);
            if (f.length < 4) {
                continue;
            }
            out.add(new Mount(unescape(f[0]), unescape(f[1]), f[2], List.of(f[3].split(","))));
        }
        return out;
    }

    /** Undoes the kernel's octal escapes ({@code \040} space, {@code \011} tab, {@code \012}, {@code \134}). */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
