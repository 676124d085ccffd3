package dev.leakwatch.jvm.proc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parses {@code /proc/<pid>/cmdline}: arguments separated (and usually terminated) by NUL bytes. */
final class CmdlineParser {

    private CmdlineParser() {}

    /**
     * The arguments joined by spaces, or {@code [comm]} when there are none (kernel threads, zombies), as
     * {@code ps} shows them. Processes that rewrite their arguments with spaces instead of NULs come out unchanged.
     */
    static String commandLine(byte[] raw, String comm) {
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= raw.length; i++) {
            if (i == raw.length || raw[i] == 0) {
                if (i > start) {
                    args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return args.isEmpty() ? '[' + comm + ']' : String.join(" ", args);
    }
}
