package dev.leakwatch.jvm.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The file operations {@link ProcFs} needs, as a seam: tests substitute failures the kernel produces but a
 * fixture tree cannot (permission denied for root, a descriptor closed between listing and {@code readlink}).
 */
interface ProcFiles {

    /** The whole content; {@code /proc} files report size 0 but are read to their end. */
    byte[] read(Path file) throws IOException;

    /** Names of the entries of a directory, in no particular order. */
    List<String> list(Path directory) throws IOException;

    /** The target of a symbolic link. */
    String readLink(Path link) throws IOException;

    /** Whether the path exists. */
    boolean exists(Path path);

    /** The real file system. */
    static ProcFiles nio() {
        return new ProcFiles() {
            @Override
            public byte[] read(Path file) throws IOException {
                return Files.readAllBytes(file);
            }

            @Override
            public List<String> list(Path directory) throws IOException {
                List<String> names = new ArrayList<>();
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                    entries.forEach(entry -> names.add(entry.getFileName().toString()));
                }
                return names;
            }

            @Override
            public String readLink(Path link) throws IOException {
                return Files.readSymbolicLink(link).toString();
            }

            @Override
            public boolean exists(Path path) {
                return Files.exists(path);
            }
        };
    }
}
