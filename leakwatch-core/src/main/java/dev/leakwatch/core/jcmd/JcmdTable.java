package dev.leakwatch.core.jcmd;

import java.util.regex.Pattern;

/**
 * Reads the tables diagnostic commands print ({@code GC.class_histogram},
 * {@code VM.classloader_stats}): blank lines are skipped, jcmd's {@code <pid>:} line may precede
 * the header, and the header must come before any row. What a row means is the caller's business.
 */
public final class JcmdTable {

    private static final Pattern PID_LINE = Pattern.compile("\\d+:\\s*");

    /** One row after the header. */
    @FunctionalInterface
    public interface RowReader {
        /** @throws IllegalArgumentException (from {@link #error}) if the row does not fit */
        void row(int lineNumber, String line);
    }

    private JcmdTable() {}

    /**
     * Hands every non-blank line after the header to {@code rows}.
     *
     * @param what         what the text should be, for the error when no header is found
     * @param headerExample the header as a user would recognise it, for the error message
     * @return the number of lines in the text, for "cut short" errors at its end
     * @throws IllegalArgumentException naming the line number, when the header is missing or a
     *                                  line comes before it
     */
    public static int read(String text, Pattern header, String what, String headerExample, RowReader rows) {
        boolean headerSeen = false;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNumber = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (headerSeen) {
                rows.row(lineNumber, line);
            } else if (header.matcher(line).matches()) {
                headerSeen = true;
            } else if (!PID_LINE.matcher(line).matches()) {
                throw error(lineNumber, "expected the header '" + headerExample + "'", line);
            }
        }
        if (!headerSeen) {
            throw new IllegalArgumentException("line 1: not " + what + ": no header line");
        }
        return lines.length;
    }

    /** An error naming the line and showing (the start of) it. */
    public static IllegalArgumentException error(int lineNumber, String problem, String line) {
        String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        return new IllegalArgumentException("line " + lineNumber + ": " + problem + ": '" + shown.strip() + "'");
    }
}
