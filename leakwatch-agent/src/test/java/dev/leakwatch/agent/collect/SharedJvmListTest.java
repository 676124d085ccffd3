package dev.leakwatch.agent.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakwatch.jvm.perfdata.LocalJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SharedJvmListTest {
    private final AtomicInteger scans = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong(1_000);

    private List<LocalJvm> scan() {
        int n = scans.incrementAndGet();
        return List.of(new LocalJvm(n, n, "app", Path.of("/tmp/hsperfdata_app/" + n), false));
    }

    @Test
    void collectorsAskingWithinTheMaxAgeShareOneScan() {
        SharedJvmList list = new SharedJvmList(this::scan, Duration.ofSeconds(5), nanos::get);
        List<LocalJvm> first = list.get();
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(list.get()).isSameAs(first);
        assertThat(scans.get()).isEqualTo(1);
    }

    @Test
    void anOlderAnswerIsScannedAgain() {
        SharedJvmList list = new SharedJvmList(this::scan, Duration.ofSeconds(5), nanos::get);
        list.get();
        nanos.addAndGet(Duration.ofSeconds(5).toNanos() + 1);
        assertThat(list.get()).extracting(LocalJvm::pid).containsExactly(2L);
        assertThat(scans.get()).isEqualTo(2);
    }

    @Test
    void aNegativeMaxAgeIsRefusedWithTheValue() {
        assertThatThrownBy(() -> new SharedJvmList(this::scan, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
    }
}
