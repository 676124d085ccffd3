package dev.leakwatch.agent.findings;

import static dev.leakwatch.agent.findings.Diagnoses.T0;
import static dev.leakwatch.agent.findings.Diagnoses.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.agent.findings.FindingsMetrics.Operation;
import dev.leakwatch.core.model.Diagnosis;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MemoryFindingsRepositoryTest {
    private final PrometheusRegistry registry = new PrometheusRegistry();

    @Test
    void evictsTheLeastRecentlyUpdatedBeyondTheCapAndCountsThemAsTheDurableStoreDoes() throws Exception {
        MemoryFindingsRepository repo = MemoryFindingsRepository.fallback(3, registry);
        for (int pid = 1; pid <= 5; pid++) {
            repo.save(entry(pid, Diagnoses.leak(pid), T0.plusSeconds(pid)));
        }
        assertThat(repo.all()).extracting(f -> f.process().pid()).containsExactly(5L, 4L, 3L);
        repo.save(entry(3, Diagnoses.clean(3), T0.plusSeconds(10)));
        assertThat(repo.all()).extracting(f -> f.process().pid()).containsExactly(3L, 5L, 4L);
        repo.save(entry(6, Diagnoses.leak(6), T0.plusSeconds(11)));
        assertThat(repo.all()).extracting(f -> f.process().pid()).containsExactly(6L, 3L, 5L);
        assertThat(repo.find(new WatchedProcess(3, 1003, "proc-3"))).hasValueSatisfying(f ->
                assertThat(f.diagnosis().findings()).isEmpty());

        assertThat(repo.metrics().evictedValue()).isEqualTo(3);
        assertThat(scrape()).contains("leakwatch_findings_durable 0.0", "leakwatch_findings_stored 3.0",
                "leakwatch_findings_max_entries 3.0", "leakwatch_findings_evicted_total 3.0",
                "leakwatch_findings_errors_total{operation=\"open\"} 1.0",
                "leakwatch_findings_errors_total{operation=\"save\"} 0.0");
    }

    @Test
    void closingUnregistersTheMetricsSoADurableStoreCanTakeTheirNames() throws Exception {
        MemoryFindingsRepository repo = MemoryFindingsRepository.fallback(10, registry);
        repo.save(entry(1, Diagnoses.leak(1), T0));
        repo.close();
        repo.close();
        assertThat(scrape()).doesNotContain("leakwatch_findings_");
        assertThat(repo.all()).isEmpty();
        MemoryFindingsRepository.fallback(10, registry).close();
    }

    @Test
    void refusesWhatTheDurableStoreRefuses() {
        MemoryFindingsRepository repo = new MemoryFindingsRepository(10);
        Diagnosis noVerdict = new Diagnosis(Diagnosis.SCHEMA, Diagnoses.leak(1).target(), null, null, null, null, null,
                null);
        assertThatThrownBy(() -> repo.save(entry(1, noVerdict, T0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no verdict");
        assertThat(repo.all()).isEmpty();
        assertThatThrownBy(() -> new MemoryFindingsRepository(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1, got 0");
        assertThat(repo.metrics().errorValue(Operation.OPEN)).as("only the fallback counts a failed open").isZero();
    }

    /** Random saves against a plain map sorted by update time: the store holds the newest {@code cap} of them. */
    @Test
    void holdsTheMostRecentlyUpdatedEntriesOfARandomHistory() {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            int cap = 1 + random.nextInt(8);
            MemoryFindingsRepository repo = new MemoryFindingsRepository(cap);
            Map<WatchedProcess, ProcessFindings> model = new HashMap<>();
            long evictedByModel = 0;
            for (int step = 0; step < 200; step++) {
                long pid = 1 + random.nextInt(12);
                ProcessFindings f = entry(pid, random.nextBoolean() ? Diagnoses.leak(pid) : Diagnoses.clean(pid),
                        T0.plusSeconds(step));
                boolean evicts = model.size() == cap && !model.containsKey(f.process());
                repo.save(f);
                model.put(f.process(), f);
                evictedByModel += evicts ? 1 : 0;
                List<ProcessFindings> expected = new ArrayList<>(model.values());
                expected.sort(Comparator.comparing(ProcessFindings::updated).reversed());
                List<ProcessFindings> newest = List.copyOf(expected.subList(0, Math.min(cap, expected.size())));
                assertThat(repo.all()).as("round %d step %d", round, step).containsExactlyElementsOf(newest);
                // What the store forgot, the model forgets too: a later save of it is a new entry.
                model.keySet().retainAll(newest.stream().map(ProcessFindings::process).toList());
            }
            assertThat(repo.metrics().evictedValue()).isEqualTo(evictedByModel);
        }
    }

    private String scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
