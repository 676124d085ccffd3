package dev.leakwatch.jvm.proc;

/**
 * Parses {@code /proc/<pid>/stat} (and {@code task/<tid>/stat}), the single line described in proc(5).
 *
 * <p>The second field is the name in parentheses and may itself contain spaces and parentheses, so the name ends
 * at the <em>last</em> {@code ')'}; fields after it are counted from field 3 (state).
 */
final class StatParser {

    /**
     * The fields leakwatch uses.
     *
     * @param pid        field 1
     * @param comm       field 2, without parentheses
     * @param state      field 3
     * @param ppid       field 4
     * @param utimeTicks field 14, in clock ticks
     * @param stimeTicks field 15, in clock ticks
     * @param threads    field 20
     * @param startTicks field 22, clock ticks after boot
     */
    record Stat(long pid, String comm, String state, long ppid, long utimeTicks, long stimeTicks, int threads,
            long startTicks) {}

    private static final int STATE = 0;
    private static final int PPID = 1;
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int THREADS = 17;
    private static final int START = 19;

    private StatParser() {}

    /** @throws IllegalArgumentException if the line lacks a field leakwatch uses or a number is malformed */
    static Stat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open) {
            throw new IllegalArgumentException("stat line without \"pid (comm)\": " + abbreviate(line));
        }
        String[] fields = line.substring(close + 1).strip().split("\\s+");
        if (fields.length <= START) {
            throw new IllegalArgumentException("stat line with " + (fields.length + 2) + " fields, need "
                    + (START + 3) + ": " + abbreviate(line));
        }
        return new Stat(
                number(line.substring(0, open).strip(), "pid", line),
                line.substring(open + 1, close),
                fields[STATE],
                number(fields[PPID], "ppid", line),
                number(fields[UTIME], "utime", line),
                number(fields[STIME], "stime", line),
                (int) Math.min(Integer.MAX_VALUE, number(fields[THREADS], "num_threads", line)),
                number(fields[START], "starttime", line));
    }

    private static long number(String text, String field, String line) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stat field " + field + " is not a number: \"" + text + "\" in "
                    + abbreviate(line), e);
        }
    }

    static String abbreviate(String text) {
        return '"' + (text.length() > 120 ? text.substring(0, 120) + "..." : text) + '"';
    }
}
