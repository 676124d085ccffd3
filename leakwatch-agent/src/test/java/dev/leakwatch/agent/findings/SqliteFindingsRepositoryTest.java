package dev.leakwatch.agent.findings;

import static dev.leakwatch.agent.findings.Diagnoses.T0;
import static dev.leakwatch.agent.findings.Diagnoses.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.agent.findings.FindingsMetrics.Operation;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.DiagnosisJson;
import dev.leakwatch.core.model.Resource;
import dev.leakwatch.core.model.Trend;
import dev.leakwatch.core.model.Unit;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFindingsRepositoryTest {
    @TempDir
    Path dir;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final List<String> warnings = new ArrayList<>();
    private final Logger logger = Logger.getLogger(SqliteFindingsRepository.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (warnings) {
                warnings.add(record.getLevel() + " " + record.getMessage());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private SqliteFindingsRepository repo;

    @BeforeEach
    void captureLog() {
        logger.addHandler(capture);
    }

    @AfterEach
    void closeStore() {
        logger.removeHandler(capture);
        if (repo != null) {
            repo.close();
        }
    }

    private SqliteFindingsRepository open(int maxEntries) throws FindingsException {
        repo = SqliteFindingsRepository.open(dir, maxEntries, registry);
        return repo;
    }

    @Test
    void aRealisticDiagnosisComesBackEqualWithCulpritOrigins() throws Exception {
        open(10);
        ProcessFindings saved = new ProcessFindings(new WatchedProcess(4242, 987_654, "com.example.App"),
                Diagnoses.leak(4242), T0, T0.plusSeconds(120).plusNanos(7));
        repo.save(saved);

        assertThat(repo.find(saved.process())).contains(saved);
        assertThat(repo.all()).containsExactly(saved);
        Diagnosis back = repo.find(saved.process()).orElseThrow().diagnosis();
        assertThat(back.findings().get(0).culprits().get(0).allocationSite())
                .isEqualTo("com.example.MetricCache.put(MetricCache.java:42)");
        assertThat(back.findings().get(0).culprits().get(0).gcRootPath())
                .containsExactly("static com.example.Agent.cache", "java.util.HashMap.table", "com.example.MetricPoint");
        assertThat(Files.exists(dir.resolve("findings.db"))).isTrue();
    }

    @Test
    void trendsWithTheirSeriesSurviveTheStore() throws Exception {
        open(10);
        Diagnosis d = Diagnoses.leak(7);
        Diagnosis withTrend = new Diagnosis(d.schema(), d.target(), d.window(), d.verdict(), d.reason(), d.findings(),
                d.captures(), List.of(new Trend(Resource.HEAP, Unit.BYTES,
                        List.of(new double[] {1.7e12, 1.5e8}, new double[] {1.7e12 + 5000, 1.52e8}), 2_097_152, 1.5e8,
                        0.97, 268_435_456L, "leak", "grows 2 MiB/min")));
        repo.save(entry(7, withTrend, T0));
        Diagnosis back = repo.all().get(0).diagnosis();
        // double[] has identity equality, so compare the documents.
        assertThat(DiagnosisJson.write(back)).isEqualTo(DiagnosisJson.write(withTrend));
    }

    @Test
    void anEntryIsReplacedNotDuplicatedAndAPidWithAnotherStartIsAnotherProcess() throws Exception {
        open(10);
        repo.save(entry(5, Diagnoses.leak(5), T0.plusSeconds(1)));
        ProcessFindings cleared = entry(5, Diagnoses.clean(5), T0.plusSeconds(2));
        repo.save(cleared);
        ProcessFindings reused = new ProcessFindings(new WatchedProcess(5, 99_999, "other"), Diagnoses.leak(5), T0,
                T0.plusSeconds(3));
        repo.save(reused);

        assertThat(repo.all()).containsExactly(reused, cleared);
        assertThat(repo.find(new WatchedProcess(5, 1005, "any name"))).contains(cleared);
        assertThat(repo.find(new WatchedProcess(6, 1006, "absent"))).isEmpty();
        assertThat(repo.metrics().storedValue()).isEqualTo(2);
    }

    @Test
    void survivesCloseAndReopen() throws Exception {
        open(10);
        List<ProcessFindings> saved = List.of(entry(1, Diagnoses.leak(1), T0.plusSeconds(3)),
                entry(2, Diagnoses.clean(2), T0.plusSeconds(2)), entry(3, Diagnoses.inconclusive(3), T0.plusSeconds(1)));
        for (ProcessFindings f : saved) {
            repo.save(f);
        }
        repo.close();
        assertThatThrownBy(repo::all).isInstanceOf(FindingsException.class).hasMessageContaining("is closed");

        open(10);
        assertThat(repo.all()).containsExactlyElementsOf(saved);
        assertThat(repo.metrics().storedValue()).isEqualTo(3);
        assertThat(scrape()).contains("leakwatch_findings_stored 3.0");
    }

    @Test
    void evictsTheLeastRecentlyUpdatedBeyondTheCapAndCountsThem() throws Exception {
        open(3);
        for (int pid = 1; pid <= 5; pid++) {
            repo.save(entry(pid, Diagnoses.leak(pid), T0.plusSeconds(pid)));
        }
        assertThat(repo.all()).extracting(f -> f.process().pid()).containsExactly(5L, 4L, 3L);
        // Updating an entry already held evicts nothing, and makes it the most recent.
        repo.save(entry(3, Diagnoses.clean(3), T0.plusSeconds(10)));
        assertThat(repo.all()).extracting(f -> f.process().pid()).containsExactly(3L, 5L, 4L);
        repo.save(entry(6, Diagnoses.leak(6), T0.plusSeconds(11)));
        assertThat(repo.all()).extracting(f -> f.process().pid()).containsExactly(6L, 3L, 5L);

        assertThat(repo.metrics().evictedValue()).isEqualTo(3);
        assertThat(scrape()).contains("leakwatch_findings_evicted_total 3.0", "leakwatch_findings_stored 3.0",
                "leakwatch_findings_max_entries 3.0", "leakwatch_findings_errors_total{operation=\"save\"} 0.0");
    }

    @Test
    void aGarbageFileIsMovedAsideWithOneWarningAndAFreshStoreStarts() throws Exception {
        byte[] garbage = new byte[8192];
        new Random(42).nextBytes(garbage);
        Files.write(dir.resolve("findings.db"), garbage);

        Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
        repo = SqliteFindingsRepository.open(dir, 10, registry, clock);
        assertThat(repo.all()).isEmpty();
        repo.save(entry(1, Diagnoses.leak(1), T0));
        assertThat(repo.all()).hasSize(1);

        Path aside = dir.resolve("findings.db.corrupt-20261127T120000.000Z");
        assertThat(Files.readAllBytes(aside)).isEqualTo(garbage);
        assertThat(warnings).filteredOn(w -> w.startsWith("WARNING")).singleElement().asString()
                .contains("findings.db is unusable").contains("moved it to findings.db.corrupt-20261127T120000.000Z");
        assertThat(repo.metrics().resetValue()).isEqualTo(1);
        assertThat(repo.metrics().errorValue(Operation.OPEN)).isEqualTo(1);
    }

    @Test
    void aDatabaseDamagedInsideIsFoundAtOpenAndMovedAside() throws Exception {
        open(1000);
        for (int pid = 1; pid <= 200; pid++) {
            repo.save(entry(pid, Diagnoses.leak(pid), T0.plusSeconds(pid)));
        }
        repo.close();
        Path db = dir.resolve("findings.db");
        byte[] bytes = Files.readAllBytes(db);
        assertThat(bytes.length).isGreaterThan(16 * 4096);
        // Keep the header page (so it still opens as SQLite) and scribble over the table's pages.
        Random random = new Random(7);
        for (int i = 4096; i < bytes.length; i += 97) {
            bytes[i] = (byte) random.nextInt();
        }
        Files.write(db, bytes);

        open(1000);
        assertThat(repo.all()).isEmpty();
        assertThat(SetAside.list(db)).hasSize(1);
        assertThat(repo.metrics().resetValue()).isEqualTo(1);
    }

    @Test
    void damageMetByALaterOperationFailsThatOperationAndStartsAFreshStore() throws Exception {
        open(1000);
        for (int pid = 1; pid <= 200; pid++) {
            repo.save(entry(pid, Diagnoses.leak(pid), T0.plusSeconds(pid)));
        }
        Path db = dir.resolve("findings.db");
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            try (Statement st = other.createStatement()) {
                // Everything into the main file, which is then damaged behind the store's back...
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            byte[] junk = new byte[(int) Files.size(db) - 4096];
            new Random(1).nextBytes(junk);
            try (FileChannel ch = FileChannel.open(db, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(junk), 4096);
            }
            try (Statement st = other.createStatement()) {
                // ...and another write makes the store's connection drop its page cache and read the file.
                st.execute("CREATE TABLE probe (a)");
            }
        }
        assertThatThrownBy(repo::all).isInstanceOf(FindingsException.class)
                .hasMessageContaining("cannot read the findings").hasMessageContaining("malformed");
        assertThat(repo.metrics().errorValue(Operation.READ)).isEqualTo(1);
        assertThat(repo.metrics().resetValue()).isEqualTo(1);
        assertThat(SetAside.list(db)).hasSize(1);
        assertThat(repo.all()).isEmpty();
        repo.save(entry(7, Diagnoses.leak(7), T0));
        assertThat(repo.all()).extracting(f -> f.process().pid()).containsExactly(7L);
    }

    @Test
    void aFileOfANewerSchemaIsSetAsideNotOverwritten() throws Exception {
        open(10);
        repo.save(entry(1, Diagnoses.leak(1), T0));
        repo.close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("findings.db"));
                Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
        }
        open(10);
        assertThat(repo.all()).isEmpty();
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("schema version 99 is newer"));
        Path aside = SetAside.list(dir.resolve("findings.db")).get(0);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + aside);
                Statement st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM findings")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("the newer file's rows are kept aside").isEqualTo(1);
        }
    }

    @Test
    void onlyTheNewestSetAsideFilesAreKept() throws Exception {
        Instant t = Instant.parse("2026-11-27T12:00:00Z");
        for (int i = 0; i < 5; i++) {
            Files.writeString(dir.resolve("findings.db"), "not a database, take " + i + " ".repeat(200));
            SqliteFindingsRepository.open(dir, 10, registry, Clock.fixed(t.plusSeconds(i), ZoneOffset.UTC)).close();
        }
        assertThat(SetAside.list(dir.resolve("findings.db"))).extracting(p -> p.getFileName().toString())
                .containsExactly("findings.db.corrupt-20261127T120002.000Z", "findings.db.corrupt-20261127T120003.000Z",
                        "findings.db.corrupt-20261127T120004.000Z");
    }

    @Test
    void concurrentSavesFromSeveralThreadsAllLand() throws Exception {
        open(1000);
        int threads = 6;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> new Thread(r, "leakwatch-test-saver"));
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 1; i <= perThread; i++) {
                        long pid = base + i;
                        repo.save(entry(pid, Diagnoses.leak(pid), T0.plusMillis(pid)));
                        // Reads interleave with other threads' writes.
                        assertThat(repo.find(new WatchedProcess(pid, 1000 + pid, "x"))).isPresent();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<ProcessFindings> all = repo.all();
        assertThat(all).hasSize(threads * perThread);
        assertThat(all.get(0).process().pid()).isEqualTo(threads * perThread);
        assertThat(repo.metrics().storedValue()).isEqualTo(threads * perThread);
        assertThat(repo.metrics().errorValue(Operation.SAVE)).isZero();
    }

    @Test
    void anIncompleteDiagnosisIsRefusedWithTheReason() throws Exception {
        open(10);
        Diagnosis noVerdict = new Diagnosis(Diagnosis.SCHEMA, Diagnoses.leak(1).target(), null, null, null, null, null,
                null);
        assertThatThrownBy(() -> repo.save(entry(1, noVerdict, T0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no verdict");
        assertThatThrownBy(() -> SqliteFindingsRepository.open(dir, 0, registry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1, got 0");
        assertThat(repo.all()).isEmpty();
    }

    @Test
    void aRowThatCannotBeDecodedIsSkippedCountedAndWarnedAboutOnce() throws Exception {
        open(10);
        repo.save(entry(1, Diagnoses.leak(1), T0.plusSeconds(1)));
        repo.save(entry(2, Diagnoses.leak(2), T0.plusSeconds(2)));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("findings.db"));
                Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE findings SET diagnosis = '{\"schema\": \"leakwatch.diagnosis/v1\", \"verdict\": 1'"
                    + " WHERE pid = 2");
        }
        assertThat(repo.all()).extracting(f -> f.process().pid()).containsExactly(1L);
        assertThat(repo.all()).hasSize(1);
        assertThat(repo.find(new WatchedProcess(2, 1002, "proc-2"))).isEmpty();
        assertThat(repo.metrics().errorValue(Operation.DECODE)).isEqualTo(3);
        assertThat(warnings).filteredOn(w -> w.contains("skipping the stored findings of pid 2")).hasSize(1);
        // Saving the process again repairs the row.
        repo.save(entry(2, Diagnoses.clean(2), T0.plusSeconds(3)));
        assertThat(repo.all()).hasSize(2);
    }

    /**
     * What sqlite-jdbc 3.51 throws where the jar has no native library for the platform (seen with
     * {@code -Dos.arch=sparc}): the first connection attempt an SQLException caused by
     * NativeLibraryNotFoundException, every later one an UnsatisfiedLinkError.
     */
    @Test
    void aMissingNativeLibraryFailsTheOpenWithAClearReasonAndRegistersNothing() throws Exception {
        SqliteFindingsRepository.Connector firstAttempt = (config, url) -> {
            java.sql.SQLException e = new java.sql.SQLException("Error opening connection");
            e.initCause(new org.sqlite.NativeLibraryNotFoundException(
                    "No native library found for os.name=Linux, os.arch=sparc, paths=[/usr/lib]"));
            throw e;
        };
        SqliteFindingsRepository.Connector laterAttempts = (config, url) -> {
            throw new UnsatisfiedLinkError("'void org.sqlite.core.NativeDB._open_utf8(byte[], int)'");
        };
        assertThatThrownBy(() -> SqliteFindingsRepository.open(dir, 10, registry, Clock.systemUTC(), firstAttempt))
                .isInstanceOf(FindingsException.class)
                .hasMessageContaining("findings.db: cannot open the findings store: SQLite's native library cannot be"
                        + " loaded on ")
                .hasMessageContaining("Linux x86_64 and aarch64 only")
                .hasMessageContaining("NativeLibraryNotFoundException: No native library found for os.name=Linux,"
                        + " os.arch=sparc");
        assertThatThrownBy(() -> SqliteFindingsRepository.open(dir, 10, registry, Clock.systemUTC(), laterAttempts))
                .isInstanceOf(FindingsException.class)
                .hasMessageContaining("SQLite's native library cannot be loaded")
                .hasMessageContaining("UnsatisfiedLinkError: 'void org.sqlite.core.NativeDB._open_utf8");
        assertThat(scrape()).doesNotContain("leakwatch_findings_");
        assertThat(warnings).as("not mistaken for a damaged file").noneMatch(w -> w.contains("moved it to"));
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedOrAFindingsFileThatCannotBeOpenedFailsTheOpen() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> SqliteFindingsRepository.open(file.resolve("data"), 10, registry))
                .isInstanceOf(FindingsException.class)
                .hasMessageContaining("data_dir: cannot create " + file.resolve("data"));
        Files.createDirectories(dir.resolve("findings.db"));
        assertThatThrownBy(() -> SqliteFindingsRepository.open(dir, 10, registry))
                .isInstanceOf(FindingsException.class)
                .hasMessageContaining("findings.db: cannot open the findings store");
        assertThat(scrape()).doesNotContain("leakwatch_findings_");
    }

    private String scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
