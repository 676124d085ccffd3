package dev.leakwatch.agent.collect.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a /proc or /sys text file (they report size 0, so read to the end). */
final class ProcText {
    private ProcText() {}

    /**
     * Reads the whole file with large reads from offset 0. Not Files.readAllBytes: for a file
     * reporting size 0 it reads a single byte first, and some kernels (gVisor, for sysctl
     * files) answer a read at a non-zero offset with end-of-file, leaving just that byte.
     */
    static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            // Latin-1 maps every byte to a char, so odd bytes in device names never fail decoding.
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Splits on runs of blanks (spaces, tabs), without empty fields; no regex, this runs per line. */
    static String[] fields(String line) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** An unsigned decimal, or -1 when the text is not one (a parser skips such fields). */
    static long parseCount(String text) {
        if (text.isEmpty() || text.length() > 19) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
