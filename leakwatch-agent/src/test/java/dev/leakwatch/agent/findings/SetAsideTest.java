package dev.leakwatch.agent.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetAsideTest {
    @TempDir
    Path dir;

    @Test
    void movesTheFileWithItsCompanionsAndNeverOverwritesAnEarlierOne() throws Exception {
        Path db = dir.resolve("findings.db");
        Instant now = Instant.parse("2026-11-27T12:00:00.5Z");
        Files.writeString(db, "first");
        Files.writeString(dir.resolve("findings.db-wal"), "wal");
        Files.writeString(dir.resolve("findings.db-shm"), "shm");
        Path first = SetAside.move(db, now);
        Files.writeString(db, "second");
        Path second = SetAside.move(db, now);

        assertThat(first.getFileName()).hasToString("findings.db.corrupt-20261127T120000.500Z");
        assertThat(second.getFileName()).hasToString("findings.db.corrupt-20261127T120000.500Z-1");
        assertThat(Files.readString(first)).isEqualTo("first");
        assertThat(Files.readString(second)).isEqualTo("second");
        assertThat(Files.readString(dir.resolve("findings.db.corrupt-20261127T120000.500Z-wal"))).isEqualTo("wal");
        assertThat(Files.readString(dir.resolve("findings.db.corrupt-20261127T120000.500Z-shm"))).isEqualTo("shm");
        assertThat(db).doesNotExist();
        assertThat(dir.resolve("findings.db-wal")).doesNotExist();
        assertThat(SetAside.list(db)).containsExactly(first, second);
    }

    @Test
    void keepsOnlyTheNewestWithTheirCompanions() throws Exception {
        Path db = dir.resolve("findings.db");
        Instant t = Instant.parse("2026-11-27T12:00:00Z");
        for (int i = 0; i < SetAside.KEEP + 2; i++) {
            Files.writeString(db, "take " + i);
            Files.writeString(dir.resolve("findings.db-wal"), "wal " + i);
            SetAside.move(db, t.plusSeconds(i));
        }
        assertThat(SetAside.list(db)).hasSize(SetAside.KEEP);
        assertThat(dir.resolve("findings.db.corrupt-20261127T120000.000Z")).doesNotExist();
        assertThat(dir.resolve("findings.db.corrupt-20261127T120000.000Z-wal")).doesNotExist();
        assertThat(dir.resolve("findings.db.corrupt-20261127T120004.000Z-wal")).hasContent("wal 4");
        try (var files = Files.list(dir)) {
            assertThat(files.count()).isEqualTo(2L * SetAside.KEEP);
        }
    }
}
