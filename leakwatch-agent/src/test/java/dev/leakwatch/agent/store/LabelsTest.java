package dev.leakwatch.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void sortsByNameAndRefusesBadNames() {
        Labels l = Labels.of("mode", "idle", "cpu", "0");
        assertThat(l.name(0)).isEqualTo("cpu");
        assertThat(l.value(1)).isEqualTo("idle");
        assertThatThrownBy(() -> Labels.of("a", "1", "a", "2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate label name");
        assertThatThrownBy(() -> Labels.of("__name__", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Labels.of("a.b", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theClientFormHasTheSameLabelsAndIsBuiltOnce() {
        Labels l = Labels.of("process", "a \"quoted\" name", "pid", "12");
        io.prometheus.metrics.model.snapshots.Labels p = l.prometheusLabels();
        // (Object): the client's Labels is both Comparable and Iterable, which AssertJ cannot choose between.
        assertThat((Object) p).isEqualTo(io.prometheus.metrics.model.snapshots.Labels.of("pid", "12", "process",
                "a \"quoted\" name"));
        assertThat((Object) l.prometheusLabels()).isSameAs(p);
        assertThat((Object) Labels.EMPTY.prometheusLabels()).isSameAs(io.prometheus.metrics.model.snapshots.Labels.EMPTY);
    }

    /** The store hands out points in this order so that the client's sort has nothing to do. */
    @Test
    void ordersExactlyAsThePrometheusClientDoes() {
        Random random = new Random(42);
        String[] names = {"a", "b", "cpu", "mode", "pid", "process", "z"};
        String[] values = {"", "0", "1", "10", "2", "idle", "user", "a b", "é"};
        List<Labels> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            List<String> pairs = new ArrayList<>();
            for (String name : names) {
                if (random.nextInt(3) == 0) {
                    pairs.add(name);
                    pairs.add(values[random.nextInt(values.length)]);
                }
            }
            all.add(Labels.of(pairs.toArray(new String[0])));
        }
        for (Labels a : all) {
            for (Labels b : all) {
                int ours = Integer.signum(a.compareTo(b));
                int client = Integer.signum(a.prometheusLabels().compareTo(b.prometheusLabels()));
                assertThat(ours).as("%s vs %s", a, b).isEqualTo(client);
            }
        }
    }

    /** Labels kept for storage read their values from the client form and are otherwise the same. */
    @Test
    void labelsForStorageEqualTheLabelsTheyWereMadeFrom() {
        Random random = new Random(11);
        String[] shared = Labels.of("pid", "1", "process", "x").namesArray();
        for (int i = 0; i < 300; i++) {
            Labels fresh = Labels.of("pid", Integer.toString(random.nextInt(50)), "process", "p" + random.nextInt(5));
            Labels stored = fresh.forStorage(shared);
            Labels other = Labels.of("pid", Integer.toString(random.nextInt(50)), "process", "p" + random.nextInt(5));
            Labels otherStored = other.forStorage(null);

            assertThat(stored.namesArray()).isSameAs(shared);
            assertThat(stored).isEqualTo(fresh).hasSameHashCodeAs(fresh).hasToString(fresh.toString());
            assertThat(fresh).isEqualTo(stored);
            assertThat(stored.values()).containsExactly(fresh.values());
            assertThat(stored.get("process")).isEqualTo(fresh.get("process"));
            assertThat(stored.with("zone", "a")).isEqualTo(fresh.with("zone", "a"));
            assertThat((Object) stored.prometheusLabels()).isEqualTo(fresh.prometheusLabels());
            assertThat(stored.equals(otherStored)).isEqualTo(fresh.equals(other));
            assertThat(stored.equals(other)).isEqualTo(fresh.equals(other));
            assertThat(Integer.signum(stored.compareTo(otherStored))).isEqualTo(Integer.signum(fresh.compareTo(other)));
            assertThat(Integer.signum(stored.compareTo(other))).isEqualTo(Integer.signum(fresh.compareTo(other)));
        }
        assertThat(Labels.of("a", "1").forStorage(shared).namesArray()).containsExactly("a");
        assertThat(Labels.EMPTY.forStorage(null)).isEqualTo(Labels.EMPTY);
    }
}
