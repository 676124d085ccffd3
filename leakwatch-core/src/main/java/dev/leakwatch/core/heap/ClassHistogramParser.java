package dev.leakwatch.core.heap;

import dev.leakwatch.core.jcmd.JcmdTable;
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
    private static final Pattern RULE = Pattern.compile("-+\\s*");

    private ClassHistogramParser() {}

    /**
     * Parses one histogram.
     *
     * @throws IllegalArgumentException naming the line number, if the text is not a complete histogram
     */
    public static ClassHistogram parse(String text) {
        List<ClassHistogram.Entry> entries = new ArrayList<>();
        long[] total = new long[2];
        boolean[] totalSeen = {false};
        int lineCount = JcmdTable.read(text, HEADER, "a class histogram", " num #instances #bytes class name",
                (lineNumber, line) -> {
                    if (totalSeen[0]) {
                        throw JcmdTable.error(lineNumber, "text after the Total line", line);
                    }
                    Matcher entry = ENTRY.matcher(line);
                    Matcher totalLine = TOTAL.matcher(line);
                    if (entry.matches()) {
                        entries.add(new ClassHistogram.Entry(
                                JavaNames.fromBinaryName(entry.group(3)),
                                Long.parseLong(entry.group(1)),
                                Long.parseLong(entry.group(2))));
                    } else if (totalLine.matches()) {
                        totalSeen[0] = true;
                        total[0] = Long.parseLong(totalLine.group(1));
                        total[1] = Long.parseLong(totalLine.group(2));
                    } else if (!(entries.isEmpty() && RULE.matcher(line).matches())) {
                        throw JcmdTable.error(lineNumber, "not a histogram entry", line);
                    }
                });
        if (!totalSeen[0]) {
            throw new IllegalArgumentException("line " + lineCount + ": class histogram has no Total line (cut short?)");
        }
        return new ClassHistogram(entries, total[0], total[1]);
    }
}
