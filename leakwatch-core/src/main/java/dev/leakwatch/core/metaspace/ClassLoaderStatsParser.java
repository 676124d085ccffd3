package dev.leakwatch.core.metaspace;

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
    private static final Pattern PID_LINE = Pattern.compile("\\d+:\\s*");
    private static final Pattern FOOTNOTE = Pattern.compile("(?:ChunkSz|BlockSz): .*");

    private ClassLoaderStatsParser() {}

    /**
     * Parses one {@code VM.classloader_stats} output.
     *
     * @throws IllegalArgumentException naming the line number, if the text is not complete statistics
     */
    public static ClassLoaderStats parse(String text) {
        List<ClassLoaderStats.Loader> loaders = new ArrayList<>();
        boolean headerSeen = false;
        boolean totalSeen = false;
        int totalLoaders = 0;
        long totalClasses = 0;
        long totalChunk = 0;
        long totalBlock = 0;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNumber = i + 1;
            if (line.isBlank()) {
                continue;
            }
            if (!headerSeen) {
                if (HEADER.matcher(line).matches()) {
                    headerSeen = true;
                } else if (!PID_LINE.matcher(line).matches()) {
                    throw error(lineNumber, "expected the header 'ClassLoader Parent CLD* Classes ChunkSz BlockSz Type'", line);
                }
                continue;
            }
            if (totalSeen) {
                if (!FOOTNOTE.matcher(line).matches()) {
                    throw error(lineNumber, "text after the Total line", line);
                }
                continue;
            }
            Matcher loader = LOADER.matcher(line);
            Matcher hidden = HIDDEN.matcher(line);
            Matcher total = TOTAL.matcher(line);
            if (loader.matches()) {
                loaders.add(new ClassLoaderStats.Loader(loader.group(4),
                        Long.parseLong(loader.group(1)), Long.parseLong(loader.group(2)), Long.parseLong(loader.group(3)),
                        0, 0, 0));
            } else if (hidden.matches()) {
                if (loaders.isEmpty()) {
                    throw error(lineNumber, "hidden classes line before any class loader", line);
                }
                int last = loaders.size() - 1;
                loaders.set(last, loaders.get(last).withHidden(Long.parseLong(hidden.group(1)),
                        Long.parseLong(hidden.group(2)), Long.parseLong(hidden.group(3))));
            } else if (total.matches()) {
                totalSeen = true;
                totalLoaders = Integer.parseInt(total.group(1));
                totalClasses = Long.parseLong(total.group(2));
                totalChunk = Long.parseLong(total.group(3));
                totalBlock = Long.parseLong(total.group(4));
            } else {
                throw error(lineNumber, "not a class loader line", line);
            }
        }
        if (!headerSeen) {
            throw new IllegalArgumentException("line 1: not class loader statistics: no header line");
        }
        if (!totalSeen) {
            throw new IllegalArgumentException(
                    "line " + lines.length + ": class loader statistics have no Total line (cut short?)");
        }
        return new ClassLoaderStats(loaders, totalLoaders, totalClasses, totalChunk, totalBlock);
    }

    private static IllegalArgumentException error(int lineNumber, String problem, String line) {
        String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
        return new IllegalArgumentException("line " + lineNumber + ": " + problem + ": '" + shown.strip() + "'");
    }
}
