package dev.leakwatch.agent.collect.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a /proc or /sys text file (they report size 0, so read to the end). */
final class ProcText {
    private ProcText() {}

    static String read(Path file) throws IOException {
        // Latin-1 maps every byte to a char, so odd bytes in device names never fail decoding.
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    /** Splits on runs of blanks, without empty leading fields. */
    static String[] fields(String line) {
        String t = line.trim();
        return t.isEmpty() ? new String[0] : t.split("[ \t]+");
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
