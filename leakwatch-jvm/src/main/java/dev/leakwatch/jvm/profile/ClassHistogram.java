package dev.leakwatch.jvm.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A class histogram as printed by {@code GC.class_histogram} / {@code jmap -histo}.
 *
 * <p>Implementation note: the body is one line per class,
 * {@code "   1:   6393   526808  [B (java.base@17.0.15)"}: rank, instances, bytes, the
 * class name in JVM form and, since JDK 9, the module in parentheses. Lines of any other
 * shape (header, separator, "Total", warnings) are skipped; a number too large for a long
 * skips its line. A text with no header is not a histogram.
 */
final class ClassHistogram {
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+\\(.*\\))?\\s*$");

    private ClassHistogram() {}

    /** One class: its readable name, live instances and their shallow bytes. */
    record Entry(String className, long instances, long bytes) {}

    /**
     * Parses the histogram.
     *
     * @throws IllegalArgumentException if the text has no histogram header
     */
    static List<Entry> parse(String text) {
        if (!text.contains("#instances")) {
            throw new IllegalArgumentException("not a class histogram (no '#instances' header): "
                    + text.substring(0, Math.min(80, text.length())).strip());
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\\R")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                try {
                    entries.add(new Entry(JvmTypeNames.readable(m.group(3)),
                            Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
                } catch (NumberFormatException tooLarge) {
                    // A count beyond a long cannot be real; skip the row, keep the rest.
                }
            }
        }
        return entries;
    }
}
