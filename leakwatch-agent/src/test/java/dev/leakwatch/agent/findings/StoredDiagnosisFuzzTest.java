package dev.leakwatch.agent.findings;

import static dev.leakwatch.agent.findings.Diagnoses.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.agent.findings.FindingsMetrics.Operation;
import dev.leakwatch.core.model.Diagnosis;
import dev.leakwatch.core.model.DiagnosisJson;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is in the diagnosis column is outside the agent's control (a disk error, a hand edit, an
 * older bug): random mutations of a recorded {@code leakwatch diagnose} document, and plain random
 * bytes, must either decode or be refused with {@link IllegalArgumentException}; through the store
 * they are skipped and counted, never thrown at the reader.
 */
class StoredDiagnosisFuzzTest {
    private static final String RECORDED = "heap-leak-diagnosis.json";
    private static final byte[] SPECIAL = "{}[]\":,0-9eE.tfn\\\u00e9 ".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void theRecordedDocumentDecodes() throws IOException {
        Diagnosis d = StoredDiagnosis.decode(recorded());
        assertThat(d.schema()).isEqualTo(Diagnosis.SCHEMA);
        assertThat(d.findings()).isNotEmpty();
        assertThat(d.findings().get(0).culprits()).isNotEmpty();
    }

    @Test
    void mutatedDocumentsDecodeOrAreRefusedWithAClearMessage() throws IOException {
        String recorded = recorded();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int refused = 0;
        for (int i = 0; i < 3_000; i++) {
            String input = i % 10 == 9 ? randomText(random) : mutate(recorded, random);
            try {
                Diagnosis d = StoredDiagnosis.decode(input);
                assertThat(d.target()).isNotNull();
                assertThat(d.verdict()).isNotNull();
            } catch (IllegalArgumentException e) {
                refused++;
                assertThat(e.getMessage()).as("seed %d, input %s", seed, input).isNotBlank();
            } catch (RuntimeException | Error e) {
                throw new AssertionError("seed " + seed + ": unexpected " + e + " for input: " + input, e);
            }
        }
        assertThat(refused).as("most mutations break the document").isGreaterThan(500);
    }

    @Test
    void specificBadDocumentsNameWhatIsWrong() {
        assertThatThrownBy(() -> StoredDiagnosis.decode("null")).hasMessageContaining("JSON null");
        assertThatThrownBy(() -> StoredDiagnosis.decode("{\"schema\":\"leakwatch.diagnosis/v2\"}"))
                .hasMessageContaining("schema is 'leakwatch.diagnosis/v2'");
        assertThatThrownBy(() -> StoredDiagnosis.decode("{\"schema\":\"leakwatch.diagnosis/v1\",\"verdict\":\"leak\"}"))
                .hasMessageContaining("no target");
        assertThatThrownBy(() -> StoredDiagnosis.decode("{\"verdict\": \"leaky\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a diagnosis document");
        assertThatThrownBy(() -> StoredDiagnosis.decode("[".repeat(5_000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredDiagnosis.decodeInstant("yesterday"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad timestamp 'yesterday'");
    }

    @Test
    void throughTheStoreBadRowsAreSkippedAndCounted() throws Exception {
        String recorded = recorded();
        Diagnosis good = StoredDiagnosis.decode(recorded);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int rows = 200;
        try (SqliteFindingsRepository repo = SqliteFindingsRepository.open(dir, 1_000, new PrometheusRegistry())) {
            for (int pid = 1; pid <= rows; pid++) {
                repo.save(Diagnoses.entry(pid, good, T0.plusSeconds(pid)));
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + repo.file());
                    PreparedStatement text = c.prepareStatement("UPDATE findings SET diagnosis = ? WHERE pid = ?");
                    PreparedStatement blob = c.prepareStatement("UPDATE findings SET diagnosis = ? WHERE pid = ?")) {
                for (int pid = 1; pid <= rows; pid++) {
                    if (pid % 4 == 0) {
                        byte[] bytes = new byte[random.nextInt(64)];
                        random.nextBytes(bytes);
                        blob.setBytes(1, bytes);
                        blob.setInt(2, pid);
                        blob.executeUpdate();
                    } else {
                        text.setString(1, mutate(recorded, random));
                        text.setInt(2, pid);
                        text.executeUpdate();
                    }
                }
            }
            List<ProcessFindings> read = repo.all();
            long skipped = repo.metrics().errorValue(Operation.DECODE);
            assertThat(read.size() + skipped).as("seed %d", seed).isEqualTo(rows);
            assertThat(skipped).as("seed %d: at least the random-byte rows", seed).isGreaterThanOrEqualTo(rows / 4);
            for (ProcessFindings f : read) {
                assertThat(f.diagnosis().schema()).isEqualTo(Diagnosis.SCHEMA);
                assertThat(DiagnosisJson.write(f.diagnosis())).isNotBlank();
            }
        }
    }

    private static String recorded() throws IOException {
        try (InputStream in = StoredDiagnosisFuzzTest.class.getResourceAsStream(RECORDED)) {
            assertThat(in).as(RECORDED).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One to three random edits: flip, delete, duplicate, or insert JSON punctuation. */
    private static String mutate(String text, Random random) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length > 1; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> {
                    int len = Math.min(b.length - at, 1 + random.nextInt(40));
                    byte[] shorter = new byte[b.length - len];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + len, shorter, at, b.length - at - len);
                    b = shorter;
                }
                case 2 -> {
                    int len = Math.min(b.length - at, 1 + random.nextInt(40));
                    byte[] longer = new byte[b.length + len];
                    System.arraycopy(b, 0, longer, 0, at + len);
                    System.arraycopy(b, at, longer, at + len, b.length - at);
                    b = longer;
                }
                default -> b[at] = SPECIAL[random.nextInt(SPECIAL.length)];
            }
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String randomText(Random random) {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
