package dev.leakwatch.agent.collect.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Random mutations of the recorded /proc files: the parsers either parse or throw
 * IllegalArgumentException with a message; nothing else escapes.
 */
class ProcParsersFuzzTest {
    private static final String NOISE = " \t\n:|-0123456789abc()\\.";

    @Test
    void procStat() throws IOException {
        fuzz("stat", ProcStat::parse);
    }

    @Test
    void meminfo() throws IOException {
        fuzz("meminfo", MemInfo::parse);
    }

    @Test
    void loadavg() throws IOException {
        fuzz("loadavg", LoadAvg::parse);
    }

    @Test
    void diskstats() throws IOException {
        fuzz("diskstats", DiskStats::parse);
    }

    @Test
    void netDev() throws IOException {
        fuzz("net/dev", NetDev::parse);
    }

    @Test
    void fileNr() throws IOException {
        fuzz("sys/fs/file-nr", FileNr::parse);
    }

    @Test
    void mounts() throws IOException {
        fuzz("1/mounts", Mounts::parse);
    }

    private static void fuzz(String file, Consumer<String> parser) throws IOException {
        Path path = HostCollectorsTest.FIXTURE.proc().resolve(file);
        String original = ProcText.read(path);
        parser.accept(original);
        Random random = new Random(file.hashCode());
        for (int i = 0; i < 800; i++) {
            StringBuilder s = new StringBuilder(original);
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(4)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                    case 2 -> s.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
                    default -> s.setLength(at);
                }
            }
            try {
                parser.accept(s.toString());
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).as("the documented exception explains itself").isNotBlank();
            }
        }
    }
}
