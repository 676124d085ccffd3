package dev.leakwatch.core.heap;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text of {@code jcmd <pid> GC.class_histogram} and of the DiagnosticCommand MBean's
 * {@code gcClassHistogram} operation (the same text without jcmd's {@code <pid>:} line).
 *
 * <p>Format, identical in JDK 11 to 25 (JDK 8 lacks the module column):
 * <pre>
 *  num     #instances         #bytes  class name (module)
 * -------------------------------------------------------
 *    1:         47492        1305000  [B (java.base@17.0.15)
 *    4:         20000         480000  Rec$Point
 *  277:             1             16  Rec$$Lambda/0x0000000095040428
 * Total        146811        4378128
 * </pre>
 * Array names are normalised to Java names ({@link JavaNames#fromBinaryName}); the module suffix is
 * dropped. Any line that fits none of these shapes, or a missing header or total, is an error:
 * output that was cut short or is not a histogram must not pass for a small heap.
 */
public final class ClassHistogramParser {

    // Counts are bounded to 18 digits so that they always fit a long.
    private static final Pattern ENTRY =
            Pattern.compile("\\s*\\d{1,9}:\\s+(\\d{1,18})\\s+(\\d{1,18})\\s+(\\S+)(?:\\s+\\(\\S+\\))?\\s*");
    private static final Pattern TOTAL = Pattern.compile("Total\\s+(\\d{1,18})\\s+(\\d{1,18})\\s*");
    private static final Pattern HEADER = Pattern.compile("\\s*num\\s+#instances\\s+#bytes\\s+class name.*");
    private static final Pattern PID_LINE = Pattern.compile("\\d+:\\s*");
    private static final Pattern RULE = Pattern.compile("-+\\s*");

    private ClassHistogramParser() {}

    /**
     * Parses one histogram.
     *
     * @throws IllegalArgumentException naming the line number, if the text is not a complete histogram
     */
    public static ClassHistogram parse(String text) {
        List<ClassHistogram.Entry> entries = new ArrayList<>();
        boolean headerSeen = false;
        Long totalInstances = null;
        long totalBytes = 0;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNumber = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (totalInstances != null) {
                throw error(lineNumber, "text after the Total line", line);
            }
            Matcher entry = ENTRY.matcher(line);
            Matcher total = TOTAL.matcher(line);
            if (!headerSeen) {
                if (HEADER.matcher(line).matches()) {
                    headerSeen = true;
                } else if (!PID_LINE.matcher(line).matches()) {
                    throw error(lineNumber, "expected the header ' num #instances #bytes class name'", line);
                }
            } else if (entry.matches()) {
                entries.add(new ClassHistogram.Entry(
                        JavaNames.fromBinaryName(entry.group(3)),
                        Long.parseLong(entry.group(1)),
                        Long.parseLong(entry.group(2))));
            } else if (total.matches()) {
                totalInstances = Long.parseLong(total.group(1));
                totalBytes = Long.parseLong(total.group(2));
            } else if (!(entries.isEmpty() && RULE.matcher(line).matches())) {
                throw error(lineNumber, "not a histogram entry", line);
            }
        }
        if (!headerSeen) {
            throw new IllegalArgumentException("line 1: not a class histogram: no header line");
        }
        if (totalInstances == null) {
            throw new IllegalArgumentException("line " + lines.length + ": class histogram has no Total line (cut short?)");
        }
        return new ClassHistogram(entries, totalInstances, totalBytes);
    }

    private static IllegalArgumentException error(int lineNumber, String problem, String line) {
        String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        return new IllegalArgumentException("line " + lineNumber + ": " + problem + ": '" + shown.strip() + "'");
    }
}
