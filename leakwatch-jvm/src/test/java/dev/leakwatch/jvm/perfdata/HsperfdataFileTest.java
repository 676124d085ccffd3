package dev.leakwatch.jvm.perfdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HsperfdataFileTest {
    @TempDir
    Path dir;

    @Test
    void readsAFileIntoAPrivateCopy() throws IOException {
        Path file = Files.write(dir.resolve("4242"), PerfDataBuilder.recorded("jdk17-serial"));

        PerfData data = HsperfdataFile.read(file);
        Files.write(file, new byte[0]); // the snapshot does not change with the file

        assertThat(data.stringValue("java.rt.vmArgs")).contains("-Xmx96m -XX:+UseSerialGC");
    }

    @Test
    void reportsAnUnreadableOrOversizedFileAsIoErrors() throws IOException {
        assertThatThrownBy(() -> HsperfdataFile.read(dir.resolve("gone"))).isInstanceOf(NoSuchFileException.class);
        Path huge = dir.resolve("huge");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(HsperfdataFile.MAX_FILE_BYTES + 1L); // sparse: no disk used
        }
        assertThatThrownBy(() -> HsperfdataFile.read(huge)).isInstanceOf(IOException.class).hasMessageContaining("too large");
    }

    @Test
    void reportsAnEmptyFileAsAFormatError() throws IOException {
        Path empty = Files.write(dir.resolve("1"), new byte[0]);
        assertThatThrownBy(() -> HsperfdataFile.read(empty)).isInstanceOf(PerfDataFormatException.class);
    }
}
