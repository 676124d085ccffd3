package dev.leakwatch.jvm.perfdata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads an hsperfdata file into a private copy and parses it. The file is opened read-only
 * and never locked, mapped or written: the JVM that owns it never notices the reader. Reading
 * a copy (32 KiB by default) instead of mapping it also means a JVM that exits and deletes
 * its file mid-read cannot fault the reader.
 */
public final class HsperfdataFile {
    /** Far above HotSpot's default (32 KiB) and any sane -XX:PerfDataMemorySize. */
    static final int MAX_FILE_BYTES = 16 * 1024 * 1024;

    private HsperfdataFile() {}

    /**
     * @throws IOException if the file cannot be read or is larger than 16 MiB
     * @throws PerfDataFormatException if its content is not a readable hsperfdata buffer
     */
    public static PerfData read(Path file) throws IOException {
        return PerfDataParser.parse(readCopy(file));
    }

    static ByteBuffer readCopy(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > MAX_FILE_BYTES) {
                throw new IOException(file + ": " + size + " bytes is too large for an hsperfdata file");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && channel.read(buf) >= 0) {
                // keep reading: a regular file returns what is there, then -1 at its end
            }
            return buf.flip();
        }
    }
}
