package dev.leakwatch.core.metaspace;

import dev.leakwatch.core.jcmd.JcmdTable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text of {@code jcmd <pid> VM.classloader_stats} and of the DiagnosticCommand MBean's
 * {@code vmClassloaderStats} operation (the same text without jcmd's {@code <pid>:} line).
 *
 * <p>Format, JDK 11 to 25:
 * <pre>
 * ClassLoader         Parent              CLD*               Classes   ChunkSz   BlockSz  Type
 * 0x00007fe9fc040b40  0x0000000000000000  0x00007fea7c14fcc0       1       768       166  java.net.URLClassLoader
 * 0x0000000000000000  0x0000000000000000  0x00007fea7c0da860     712    557056     64564  &lt;boot class loader&gt;
 *                                                                 18      7168      4878   + hidden classes
 * Total = 8                                                      738    568960     71214
 * ChunkSz: Total size of all allocated metaspace chunks
 * BlockSz: Total size of all allocated metaspace blocks (each chunk has several blocks)
 * </pre>
 * The {@code + hidden classes} line (JDK 15+; {@code + unsafe anonymous classes} before) belongs to the
 * loader above it. Anything else, or a missing header or total, is an error.
 */
public final class ClassLoaderStatsParser {

    private static final String HEX = "0x[0-9a-fA-F]{1,16}";
    private static final String COUNT = "(\\d{1,18})";
    private static final Pattern LOADER = Pattern.compile(
            HEX + "\\s+" + HEX + "\\s+" + HEX + "\\s+" + COUNT + "\\s+" + COUNT + "\\s+" + COUNT + "\\s+(\\S.*?)\\s*");
    private static final Pattern HIDDEN = Pattern.compile(
            "\\s+" + COUNT + "\\s+" + COUNT + "\\s+" + COUNT + "\\s+\\+ (?:hidden|unsafe anonymous) classes\\s*");
    private static final Pattern TOTAL =
            Pattern.compile("Total = " + "(\\d{1,9})\\s+" + COUNT + "\\s+" + COUNT + "\\s+" + COUNT + "\\s*");
    private static final Pattern HEADER =
            Pattern.compile("ClassLoader\\s+Parent\\s+CLD\\*\\s+Classes\\s+ChunkSz\\s+BlockSz\\s+Type\\s*");
    private static final Pattern FOOTNOTE = Pattern.compile("(?:ChunkSz|BlockSz): .*");

    private ClassLoaderStatsParser() {}

    /**
     * Parses one {@code VM.classloader_stats} output.
     *
     * @throws IllegalArgumentException naming the line number, if the text is not complete statistics
     */
    public static ClassLoaderStats parse(String text) {
        List<ClassLoaderStats.Loader> loaders = new ArrayList<>();
        boolean[] totalSeen = {false};
        long[] totals = new long[4];
        int lineCount = JcmdTable.read(text, HEADER, "class loader statistics",
                "ClassLoader Parent CLD* Classes ChunkSz BlockSz Type", (lineNumber, line) -> {
                    if (totalSeen[0]) {
                        if (!FOOTNOTE.matcher(line).matches()) {
                            throw JcmdTable.error(lineNumber, "text after the Total line", line);
                        }
                        return;
                    }
                    Matcher loader = LOADER.matcher(line);
                    Matcher hidden = HIDDEN.matcher(line);
                    Matcher total = TOTAL.matcher(line);
                    if (loader.matches()) {
                        loaders.add(new ClassLoaderStats.Loader(loader.group(4), Long.parseLong(loader.group(1)),
                                Long.parseLong(loader.group(2)), Long.parseLong(loader.group(3)), 0, 0, 0));
                    } else if (hidden.matches()) {
                        if (loaders.isEmpty()) {
                            throw JcmdTable.error(lineNumber, "hidden classes line before any class loader", line);
                        }
                        int last = loaders.size() - 1;
                        loaders.set(last, loaders.get(last).withHidden(Long.parseLong(hidden.group(1)),
                                Long.parseLong(hidden.group(2)), Long.parseLong(hidden.group(3))));
                    } else if (total.matches()) {
                        totalSeen[0] = true;
                        for (int g = 0; g < 4; g++) {
                            totals[g] = Long.parseLong(total.group(g + 1));
                        }
                    } else {
                        throw JcmdTable.error(lineNumber, "not a class loader line", line);
                    }
                });
        if (!totalSeen[0]) {
            throw new IllegalArgumentException(
                    "line " + lineCount + ": class loader statistics have no Total line (cut short?)");
        }
        return new ClassLoaderStats(loaders, (int) totals[0], totals[1], totals[2], totals[3]);
    }
}
